package nst.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * The batch on a Spark session: plan on the driver ({@link BatchPlan}), paint in the tasks
 * ({@link ItemRunner}), then write the manifest ({@link Manifest}: this run's rows, and the last
 * manifest's rows of outputs this run did not plan). Task retries are safe: an attempt writes only
 * under a temporary name until its output is complete.
 */
final class BatchJob {
    private final SparkSession spark;
    private final TaskHook hook;

    BatchJob(SparkSession spark, TaskHook hook) {
        this.spark = spark;
        this.hook = hook;
    }

    /** What a run made: its manifest rows. */
    record Outcome(List<ManifestRow> rows) {
        long failed() {
            return rows.stream().filter(ManifestRow::isFailed).count();
        }

        long count(String status) {
            return rows.stream().filter(r -> r.status().equals(status)).count();
        }
    }

    /** Runs the batch; {@code progress} sees the items done and failed while it runs. */
    Outcome run(BatchArgs a, Progress progress) throws IOException {
        HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
        Path given = new Path(a.output());
        FileSystem fs = conf.fs(given);
        Path output = fs.makeQualified(given);
        if (fs.exists(output) && !fs.getFileStatus(output).isDirectory()) {
            throw new nst.core.BadInputException("The output " + output + " is a file; give a folder (it is made if missing).");
        }
        Map<String, ManifestRow> previous = Manifest.previous(spark, output, conf);
        List<BatchItem> planned = BatchPlan.items(a, conf, output, previous); // checked before anything is written
        fs.mkdirs(output);
        long jobStart = jobStart(fs, output);
        List<BatchItem> items = planned.stream().map(i -> i.startedAt(jobStart)).toList();
        OutputFiles.removeStale(fs, output);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        LongAccumulator done = jsc.sc().longAccumulator("images done");
        LongAccumulator failed = jsc.sc().longAccumulator("images failed");
        progress.start(items.size(), done, failed);
        ItemRunner runner = new ItemRunner(a.options(), conf, hook, done, failed);
        int slices = a.partitions() > 0 ? Math.min(a.partitions(), items.size()) : items.size();
        JavaRDD<ManifestRow> rows = jsc.parallelize(items, slices).mapPartitions(runner::run);
        List<ManifestRow> result;
        try {
            result = rows.collect();
        } finally {
            progress.stop();
        }
        Set<String> made = result.stream().map(ManifestRow::output).collect(Collectors.toSet());
        List<ManifestRow> all = new ArrayList<>(result);
        previous.values().stream().filter(r -> !made.contains(r.output())).forEach(all::add); // outputs of other inputs or styles
        Manifest.write(spark, all, output, conf);
        return new Outcome(result);
    }

    /** Now on the output's file system's clock: the modification time of a marker file written for it. */
    private static long jobStart(FileSystem fs, Path output) throws IOException {
        Path marker = new Path(output, "_nst-job-" + java.util.UUID.randomUUID());
        fs.create(marker, true).close();
        try {
            return fs.getFileStatus(marker).getModificationTime();
        } finally {
            fs.delete(marker, false);
        }
    }

    /** Hears of the batch's progress on the driver. */
    interface Progress {
        Progress NONE = new Progress() {
            @Override
            public void start(int total, LongAccumulator done, LongAccumulator failed) { }

            @Override
            public void stop() { }
        };

        void start(int total, LongAccumulator done, LongAccumulator failed);

        void stop();
    }
}
