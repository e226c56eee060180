package nst.spark;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One line of the manifest: what became of one input in one style.
 *
 * @param optionsHash the options that made the output (null: an output found without a manifest row, options unknown)
 * @param status    {@code ok} (made now), {@code exists} (already there, left as it is) or {@code failed}
 * @param finalLoss the final total loss (null: failed, or not known for an existing output)
 * @param seconds   the seconds this picture took (for {@code exists}, the earlier run's, when known)
 * @param error     why it failed (null otherwise)
 */
record ManifestRow(String input, String style, String output, String optionsHash, String status, Double finalLoss, Double seconds,
                   String error) implements Serializable {
    static final String OK = "ok";
    static final String EXISTS = "exists";
    static final String FAILED = "failed";

    static final StructType SCHEMA = new StructType()
            .add("input", DataTypes.StringType, false)
            .add("style", DataTypes.StringType, false)
            .add("output", DataTypes.StringType, false)
            .add("options_hash", DataTypes.StringType, true)
            .add("status", DataTypes.StringType, false)
            .add("final_loss", DataTypes.DoubleType, true)
            .add("seconds", DataTypes.DoubleType, true)
            .add("error", DataTypes.StringType, true);

    static ManifestRow failed(BatchItem item, double seconds, String error) {
        return new ManifestRow(item.input(), item.style(), item.output(), item.optionsHash(), FAILED, null, seconds, error);
    }

    boolean isFailed() {
        return FAILED.equals(status);
    }

    Row toRow() {
        return RowFactory.create(input, style, output, optionsHash, status, finalLoss, seconds, error);
    }

    static ManifestRow of(Row r) {
        return new ManifestRow(r.getAs("input"), r.getAs("style"), r.getAs("output"), r.getAs("options_hash"), r.getAs("status"),
                r.getAs("final_loss"), r.getAs("seconds"), r.getAs("error"));
    }
}
