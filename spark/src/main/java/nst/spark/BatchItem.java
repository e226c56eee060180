package nst.spark;

import java.io.Serializable;

/**
 * One picture to make: an input painted in one style, written to {@code output}.
 *
 * @param input        the input image's qualified path
 * @param style        the style image's qualified path
 * @param output       the output's qualified path
 * @param optionsHash  the options' hash (see {@link BatchArgs#optionsHash})
 * @param previousHash the hash a previous run's manifest gives for this output (null: none)
 * @param previousLoss that run's final loss (null: none or unknown)
 * @param previousSeconds that run's seconds (null: none)
 * @param jobStart     when this job began, on the output's file system's clock: an output modified
 *                     since was made by this job (an earlier attempt of a retried task)
 */
record BatchItem(String input, String style, String output, String optionsHash, String previousHash, Double previousLoss,
                 Double previousSeconds, long jobStart) implements Serializable {
    /** The same item in a job that began at {@code time}. */
    BatchItem startedAt(long time) {
        return new BatchItem(input, style, output, optionsHash, previousHash, previousLoss, previousSeconds, time);
    }
}
