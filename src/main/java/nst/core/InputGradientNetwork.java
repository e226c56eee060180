package nst.core;

import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A feature network run op by op on plain ND4J arrays, with a hand-written backward pass that
 * computes only the input gradient (the weights are frozen): no graph interpreter, no weight
 * gradients. One instance holds the activations of its last forward pass; not thread-safe.
 */
public interface InputGradientNetwork extends AutoCloseable {
    /** Runs the network on {@code rgb255Nchw} ([1,3,H,W], 0..255) up to the deepest tap; returns the taps. */
    Map<String, INDArray> forward(INDArray rgb255Nchw, Set<String> taps);

    /** dLoss/dImage from dLoss/dTap for taps of the last forward pass (a missing tap counts as zero). */
    INDArray backward(Map<String, INDArray> tapGradients);

    /** Frees what the network keeps between passes (its last pass's arrays, buffers of its own); it can still run after. */
    @Override
    default void close() { }
}
