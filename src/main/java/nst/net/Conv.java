package nst.net;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/** A convolution layer, in a SameDiff graph and on plain arrays (forward, and its input gradient). */
final class Conv implements StageNetwork.Op, StageNetwork.Window, StageNetwork.ReluOutput {
    private final ConvWeights w;
    private final int stride;
    private final int pad;
    private final boolean reflect;
    private final boolean relu;
    /** How it runs on plain arrays, chosen when the layer is built; null for a layer that runs only in a SameDiff graph. */
    private final ConvKernel kernel;

    Conv(ConvWeights w, int stride, int pad, boolean reflect, boolean relu) {
        this(w, stride, pad, reflect, relu, false);
    }

    private Conv(ConvWeights w, int stride, int pad, boolean reflect, boolean relu, boolean bf16) {
        this.w = w;
        this.stride = stride;
        this.pad = pad;
        this.reflect = reflect;
        this.relu = relu;
        this.kernel = reflect ? null : ConvKernel.choose(w, stride, pad, relu, bf16);
    }

    /** The same layer (the same weights) with its kernel for float32 or bfloat16 arithmetic. */
    @Override
    public Conv withBf16(boolean bf16) {
        return new Conv(w, stride, pad, reflect, relu, bf16);
    }

    long outChannels() {
        return w.outChannels();
    }

    @Override
    public boolean reluOutput() {
        return relu;
    }

    @Override
    public int kernel() {
        return w.kernelSize();
    }

    @Override
    public int stride() {
        return stride;
    }

    /** Whether it runs on plain arrays (reflection padding runs only in a SameDiff graph). */
    @Override
    public boolean onArrays() {
        return !reflect;
    }

    @Override
    public SDVariable apply(SameDiff sd, SDVariable x) {
        SDVariable in = x;
        if (reflect && pad > 0) {
            SDVariable pads = sd.constant(Nd4j.createFromArray(new int[][] {{0, 0}, {0, 0}, {pad, pad}, {pad, pad}}));
            in = sd.nn().pad(x, pads, PadMode.REFLECT, 0.0);
        }
        int zeroPad = reflect ? 0 : pad;
        Conv2DConfig c = Conv2DConfig.builder().kH(w.kernelSize()).kW(w.kernelSize()).sH(stride).sW(stride)
                .pH(zeroPad).pW(zeroPad).paddingMode(PaddingMode.VALID).dataFormat("NCHW").build();
        SDVariable z = sd.cnn().conv2d(in, sd.constant(w.kernelHwio().castTo(x.dataType())),
                sd.constant(w.bias().castTo(x.dataType())), c);
        return relu ? sd.nn().relu(z, 0.0) : z;
    }

    /** The output size of this convolution on an input of {@code in} rows or columns. */
    long outSide(long in) {
        return ConvKernel.outSide(in, w.kernelSize(), stride, pad);
    }

    /** The convolution plus bias, and the ReLU when the layer has one, into {@code out} (null: a new array). */
    INDArray convolve(INDArray x, INDArray out) {
        return kernel.forward(x, out);
    }

    /** The input gradient of {@link #convolve} (no ReLU) for an input of inH x inW. */
    INDArray inputGradient(INDArray g, long inH, long inW) {
        return kernel.inputGradient(g, inH, inW);
    }

    @Override
    public INDArray forward(INDArray x, java.util.Deque<INDArray> tape) {
        INDArray y = convolve(x, null);
        tape.push(x);
        tape.push(y);
        return y;
    }

    @Override
    public INDArray backward(INDArray gradOut, java.util.Deque<INDArray> tape) {
        return backward(gradOut, tape, false);
    }

    @Override
    public INDArray backward(INDArray gradOut, java.util.Deque<INDArray> tape, boolean reluGradientApplied) {
        INDArray y = tape.pop(); // this layer's output: whoever owns it frees it; no one reads it after this
        INDArray x = tape.pop();
        INDArray g = relu && !reluGradientApplied ? ArrayOps.reluGradientInPlace(y, gradOut) : gradOut;
        return inputGradient(g, x.size(2), x.size(3));
    }
}
