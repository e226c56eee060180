package nst.spark;

import java.io.PrintStream;
import java.util.Locale;
import nst.core.BadInputException;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * {@code spark-submit --class nst.spark.BatchMain nst-spark-<version>-cluster.jar --input ... --style ...
 * --output ...}, or {@code scripts/nst-spark} (local mode, no Spark installation). Exit status: 0
 * when every picture was made (or already there), 1 when any failed (the manifest says which and
 * why) or the job stopped (no manifest then), 2 for bad arguments.
 */
public final class BatchMain {
    public static final int OK = 0;
    public static final int SOME_FAILED = 1;
    public static final int BAD_ARGUMENTS = 2;

    private BatchMain() { }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        BatchArgs a;
        try {
            a = BatchArgs.parse(args);
        } catch (BadInputException e) {
            err.println(e.getMessage());
            return BAD_ARGUMENTS;
        }
        if (a == null) {
            out.print(BatchArgs.usage());
            return OK;
        }
        SparkConf conf = new SparkConf().setAppName("neural-style-transfer batch");
        if (a.master() != null) {
            conf.setMaster(a.master());
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            spark.sparkContext().setLogLevel("WARN");
            BatchJob.Outcome o = new BatchJob(spark, TaskHook.NONE).run(a, new ProgressLine(err, System.console() != null, 2000));
            out.printf(Locale.ROOT, "%d pictures: %d made, %d already there, %d failed. Manifest: %s/%s and %s%n", o.rows().size(),
                    o.count(ManifestRow.OK), o.count(ManifestRow.EXISTS), o.failed(), a.output(), Manifest.CSV, Manifest.PARQUET);
            o.rows().stream().filter(ManifestRow::isFailed).limit(10).forEach(r -> out.println("failed: " + r.input() + " in " + r.style()
                    + ": " + r.error()));
            return o.failed() > 0 ? SOME_FAILED : OK;
        } catch (BadInputException e) {
            err.println(e.getMessage());
            return BAD_ARGUMENTS;
        } catch (java.io.IOException | RuntimeException e) { // a file system error, a task Spark gave up on
            err.println("The batch stopped: " + e.getMessage() + "; the outputs made so far are complete, and a rerun makes the rest.");
            return SOME_FAILED;
        } finally {
            spark.stop();
        }
    }
}
