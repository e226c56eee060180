package nst.spark;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The batch's manifest in the output folder: {@code manifest.parquet} (a Parquet dataset) and
 * {@code manifest.csv} (one file with a header), a row per input and style. Each is written beside
 * under a temporary name and then moved into place, so a reader never sees half a manifest.
 */
final class Manifest {
    static final String PARQUET = "manifest.parquet";
    static final String CSV = "manifest.csv";

    private Manifest() { }

    /** The previous run's rows by output path; empty when there is no manifest yet. */
    static Map<String, ManifestRow> previous(SparkSession spark, Path output, HadoopConf conf) throws IOException {
        Path p = new Path(output, PARQUET);
        Map<String, ManifestRow> rows = new HashMap<>();
        if (conf.fs(p).exists(p)) {
            for (Row r : spark.read().parquet(p.toString()).collectAsList()) {
                ManifestRow m = ManifestRow.of(r);
                rows.put(m.output(), m);
            }
        }
        return rows;
    }

    static void write(SparkSession spark, List<ManifestRow> rows, Path output, HadoopConf conf) throws IOException {
        FileSystem fs = conf.fs(output);
        Path work = new Path(output, "_manifest-" + java.util.UUID.randomUUID());
        try {
            var frame = spark.createDataFrame(rows.stream().map(ManifestRow::toRow).toList(), ManifestRow.SCHEMA).coalesce(1);
            frame.write().mode(SaveMode.ErrorIfExists).parquet(new Path(work, "parquet").toString());
            frame.write().mode(SaveMode.ErrorIfExists).option("header", "true").option("escape", "\"").csv(new Path(work, "csv").toString());
            replace(fs, new Path(work, "parquet"), new Path(output, PARQUET));
            FileStatus[] parts = fs.globStatus(new Path(work, "csv/part-*.csv"));
            if (parts == null || parts.length != 1) {
                throw new IOException("Spark wrote " + (parts == null ? 0 : parts.length) + " CSV parts for the manifest, expected 1");
            }
            replace(fs, parts[0].getPath(), new Path(output, CSV));
        } finally {
            fs.delete(work, true);
        }
    }

    private static void replace(FileSystem fs, Path from, Path to) throws IOException {
        if (fs.exists(to) && !fs.delete(to, true)) {
            throw new IOException("Cannot remove the old " + to);
        }
        if (!OutputFiles.raw(fs).rename(from, to)) { // without Spark's .crc beside it on a local disk
            throw new IOException("Cannot move " + from + " to " + to);
        }
    }
}
