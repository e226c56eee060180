package nst.core;

import java.util.List;

/**
 * What a run produced.
 *
 * @param image           the evaluated image with the lowest total loss at the final scale reached
 *                        (after the colour step of {@code colors=original})
 * @param losses          the losses of every iteration, in order, all scales (entry 0 = the start image)
 * @param finalLosses     the losses of {@code image} (before any colour step)
 * @param iterations      iterations done (loss evaluations in the loop)
 * @param cancelled       whether the run was cancelled before all iterations were done
 * @param setupSeconds    building the graph and the content/style targets
 * @param optimizeSeconds the iteration loops
 * @param frames          how many frames went to {@link ProgressListener#onFrame} (0 when frames_every is off)
 */
public record StyleTransferResult(RgbImage image, List<Losses> losses, Losses finalLosses, int iterations,
                                  boolean cancelled, double setupSeconds, double optimizeSeconds, int frames) {
    public StyleTransferResult {
        losses = List.copyOf(losses);
    }
}
