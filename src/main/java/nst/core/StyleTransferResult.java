package nst.core;

import java.util.List;

/**
 * What a run produced.
 *
 * @param image           the evaluated image with the lowest total loss (the last one if cancelled
 *                        before any improvement)
 * @param losses          the losses of every iteration, in order (entry 0 = the start image)
 * @param finalLosses     the losses of {@code image}
 * @param iterations      iterations done (loss evaluations in the loop)
 * @param cancelled       whether the run was cancelled before all iterations were done
 * @param setupSeconds    building the graph and the content/style targets
 * @param optimizeSeconds the iteration loop
 */
public record StyleTransferResult(RgbImage image, List<Losses> losses, Losses finalLosses, int iterations,
                                  boolean cancelled, double setupSeconds, double optimizeSeconds) {
    public StyleTransferResult {
        losses = List.copyOf(losses);
    }
}
