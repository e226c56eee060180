package nst.core;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A frozen convolutional network that the losses read features from. Implementations add their
 * own preprocessing and layers to a SameDiff graph, so the engine differentiates the whole loss
 * with respect to the image in one backward pass.
 */
public interface FeatureNetwork {
    /** Short id, e.g. {@code vgg19}. */
    String id();

    /** Every layer that can be tapped, in forward order. */
    List<String> layers();

    NetworkDefaults defaults();

    /**
     * The side length of layer {@code layer}'s output for an input side of {@code inputSide}
     * pixels (0 or less: the input is too small for that layer).
     */
    int outputSide(int inputSide, String layer);

    /**
     * Adds the network to {@code sd}, reading {@code rgb255Nchw} (RGB, 0..255, [1,3,H,W], the
     * variable's data type is used for the weights too), and returns the requested layers'
     * activations (after ReLU). Only the layers up to the deepest requested one are built.
     */
    Map<String, SDVariable> define(SameDiff sd, SDVariable rgb255Nchw, Collection<String> layers);

    /**
     * Activation values per input pixel over the whole network (e.g. 64 channels at full size
     * count 64, 128 at half size 32), for memory estimates.
     */
    default double activationsPerPixel() {
        return 320; // a VGG19 up to relu5_1
    }

    /**
     * A fresh op-by-op runner with a hand-written input-only backward pass, when every layer of
     * this network supports one; the engine then uses it instead of the SameDiff graph.
     */
    default java.util.Optional<InputGradientNetwork> inputGradients() {
        return java.util.Optional.empty();
    }

    /**
     * The same network with its forward convolutions in {@code precision} as this CPU resolves it
     * ({@link Precision#BF16}: bfloat16 only where it is native; {@link Precision#AUTO}: float32);
     * networks with float32 convolutions only return themselves.
     */
    default FeatureNetwork withPrecision(Precision precision) {
        return this;
    }

    /** The convolutions' precision, {@link Precision#FP32} or {@link Precision#BF16}. */
    default Precision precision() {
        return Precision.FP32;
    }

    /** The same network with max or average pooling; networks without pooling return themselves. */
    default FeatureNetwork withPooling(Pooling pooling) {
        return this;
    }

    /** The smallest image side for which every given layer has at least one pixel. */
    default int minInputSide(Collection<String> layers) {
        for (int n = 1; n < 4096; n++) {
            final int side = n;
            if (layers.stream().allMatch(l -> outputSide(side, l) >= 1)) {
                return n;
            }
        }
        throw new IllegalStateException("no input size up to 4096 reaches " + layers);
    }

    /**
     * The receptive field of the deepest given layer: how many input pixels along one side reach
     * one of its outputs. A tile smaller than this cannot show that layer a whole pattern.
     * Networks that cannot tell return {@link #minInputSide}.
     */
    default int receptiveField(Collection<String> layers) {
        return minInputSide(layers);
    }

    /** Throws a {@link BadInputException} naming the known layers if one is unknown. */
    default void checkLayers(Collection<String> names) {
        for (String n : names) {
            if (!layers().contains(n)) {
                throw new BadInputException("Unknown layer '" + n + "' for model " + id()
                        + "; use one of: " + String.join(", ", layers()) + ".");
            }
        }
    }
}
