package nst.core.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Proposes the next iterate from the current one and its gradient. One call = one iteration of
 * the engine (one loss evaluation); the engine owns the loop, progress and cancellation.
 */
public interface ImageOptimizer {
    /** The next x (a new array); {@code x} and {@code gradient} are not modified. */
    INDArray step(INDArray x, INDArray gradient);

    /**
     * The objective changes from the next gradient on (the same loss, computed another way): an
     * optimizer that learns from differences of successive gradients does not learn from the one
     * that spans the change. Nothing by default.
     */
    default void objectiveChanged() { }
}
