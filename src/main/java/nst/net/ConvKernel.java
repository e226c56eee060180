package nst.net;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How one convolution runs on plain arrays, chosen once when its layer is built ({@link #choose}):
 * a 1x1 convolution as a matrix product, others through oneDNN where its native libraries load,
 * else through libnd4j. Each kernel hands an array it cannot take (another layout) to the next.
 */
interface ConvKernel {
    /** The convolution plus bias, and the ReLU when the layer has one, into {@code out} (null: a new array). */
    INDArray forward(INDArray x, INDArray out);

    /** The input gradient of {@link #forward} without its ReLU, for an input of {@code inH x inW}. */
    INDArray inputGradient(INDArray g, long inH, long inW);

    /**
     * The kernel for a convolution of these weights and geometry on this machine; with {@code bf16}
     * oneDNN's forward convolutions run in bfloat16 (the rest stays float32).
     */
    static ConvKernel choose(ConvWeights w, int stride, int pad, boolean relu, boolean bf16) {
        ConvKernel general = new Nd4jConvKernel(w, stride, pad, relu);
        ConvKernel spatial = nst.net.onednn.OneDnn.available() ? new OneDnnConvKernel(w, stride, pad, relu, bf16, general) : general;
        return w.kernelSize() == 1 && stride == 1 && pad == 0 ? new PointwiseConvKernel(w, relu, spatial) : spatial;
    }

    /** The output size of a convolution on an input of {@code in} rows or columns. */
    static long outSide(long in, int kernel, int stride, int pad) {
        return (in + 2L * pad - kernel) / stride + 1;
    }
}
