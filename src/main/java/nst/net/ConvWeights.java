package nst.net;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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

    /**
     * The same convolution for RGB input where this kernel was trained on BGR input: the input
     * channel axis reversed (a new array).
     */
    public ConvWeights forRgbInput() {
        if (inChannels() != 3) {
            throw new nst.core.ModelFormatException("Layer " + layer + " reads " + inChannels() + " channels, not 3 (RGB); the file is not a supported model.");
        }
        INDArray k = kernelHwio;
        INDArray rgb = Nd4j.concat(2, k.get(all(), all(), interval(2, 3), all()), k.get(all(), all(), interval(1, 2), all()),
                k.get(all(), all(), interval(0, 1), all())).dup('c');
        return new ConvWeights(layer, rgb, bias);
    }

    /** From PyTorch/ND4J OIHW layout [out, in, kH, kW]. */
    public static ConvWeights fromOihw(String layer, INDArray kernelOihw, INDArray bias) {
        return new ConvWeights(layer, kernelOihw.permute(2, 3, 1, 0).dup('c'), bias.reshape(bias.length()));
    }
}
