package nst.net;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** A convolution through libnd4j's conv2d; its input gradient by the flipped kernel (stride 1, same padding) or a deconvolution. */
final class Nd4jConvKernel implements ConvKernel {
    private final ConvWeights w;
    private final int stride;
    private final int pad;
    private final boolean relu;
    private volatile INDArray flipped;

    Nd4jConvKernel(ConvWeights w, int stride, int pad, boolean relu) {
        this.w = w;
        this.stride = stride;
        this.pad = pad;
        this.relu = relu;
    }

    @Override
    public INDArray forward(INDArray x, INDArray out) {
        INDArray y = out == null ? ArrayOps.conv2d(x, w.kernelHwio(), w.bias(), stride, pad)
                : ArrayOps.conv2d(x, w.kernelHwio(), w.bias(), stride, pad, out);
        return relu ? Transforms.relu(y, false) : y;
    }

    @Override
    public INDArray inputGradient(INDArray g, long inH, long inW) {
        if (stride == 1 && 2 * pad == w.kernelSize() - 1) {
            return ArrayOps.conv2d(g, flipped(), null, 1, pad);
        }
        return ArrayOps.conv2dInputGradientByDeconv(w.kernelHwio(), stride, pad, g, inH, inW);
    }

    // made on first use; a run on another thread may make its own at the same moment (both are the same)
    private INDArray flipped() {
        INDArray k = flipped;
        if (k == null) {
            k = ArrayOps.outsideWorkspaces(() -> ArrayOps.flippedTransposed(w.kernelHwio()));
            flipped = k;
        }
        return k;
    }
}
