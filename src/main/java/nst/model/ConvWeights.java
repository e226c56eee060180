package nst.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One convolution's weights: kernel in Keras/TensorFlow HWIO layout [kH, kW, in, out] (SameDiff's
 * default YXIO), bias [out].
 */
public record ConvWeights(String layer, INDArray kernelHwio, INDArray bias) {
    public ConvWeights {
        if (kernelHwio.rank() != 4 || bias.rank() != 1 || bias.size(0) != kernelHwio.size(3)) {
            throw new nst.core.ModelFormatException("Layer " + layer + " has a kernel of shape "
                    + java.util.Arrays.toString(kernelHwio.shape()) + " and a bias of shape "
                    + java.util.Arrays.toString(bias.shape()) + "; expected [kH,kW,in,out] and [out]. The file is not a supported model.");
        }
        if (kernelHwio.isNaN().any() || kernelHwio.isInfinite().any() || bias.isNaN().any() || bias.isInfinite().any()) {
            throw new nst.core.ModelFormatException("Layer " + layer + " has NaN or infinite weights; the weight file is damaged. Install a good copy.");
        }
    }

    public long inChannels() { return kernelHwio.size(2); }

    public long outChannels() { return kernelHwio.size(3); }

    public int kernelSize() { return (int) kernelHwio.size(0); }

    /** From PyTorch/ND4J OIHW layout [out, in, kH, kW]. */
    public static ConvWeights fromOihw(String layer, INDArray kernelOihw, INDArray bias) {
        return new ConvWeights(layer, kernelOihw.permute(2, 3, 1, 0).dup('c'), bias.reshape(bias.length()));
    }
}
