package nst.net;

import java.nio.FloatBuffer;
import java.util.Arrays;
import nst.core.NativeArrays;
import nst.net.onednn.OneDnn;
import nst.net.onednn.OneDnnConv;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** A convolution layer, in a SameDiff graph and on plain arrays (forward, and its input gradient). */
final class Conv implements StageNetwork.Op, ArrayOps.ArrayOp, StageNetwork.Window, StageNetwork.ReluOutput {
    private final ConvWeights w;
    private final int stride;
    private final int pad;
    private final boolean reflect;
    private final boolean relu;
    private INDArray backKernel;
    private INDArray matrix;

    Conv(ConvWeights w, int stride, int pad, boolean reflect, boolean relu) {
        this.w = w;
        this.stride = stride;
        this.pad = pad;
        this.reflect = reflect;
        this.relu = relu;
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
    boolean onArrays() {
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

    /** A 1x1 stride-1 convolution of one image runs as a matrix product (see {@link ArrayOps#conv1x1}). */
    private boolean pointwise(INDArray x) {
        // a channel range of a batch-1 NCHW array (the fire module's gradient halves) is contiguous too
        return w.kernelSize() == 1 && stride == 1 && pad == 0 && x.size(0) == 1 && x.ordering() == 'c' && x.elementWiseStride() == 1;
    }

    private INDArray matrix() {
        if (matrix == null) {
            matrix = ArrayOps.outsideWorkspaces(() -> w.kernelHwio().reshape(w.inChannels(), w.outChannels()).dup('c'));
        }
        return matrix;
    }

    /** The bias repeated over an image of {@code hw} pixels, kept for the next call at that size. */
    private INDArray biasPlane(long hw, DataType type) {
        BiasPlane b = biasPlane;
        if (b == null || b.hw() != hw || b.values().dataType() != type) {
            // not closed when replaced: a run on another thread may still be reading it
            b = new BiasPlane(hw, ArrayOps.outsideWorkspaces(() -> repeatRows(w.bias(), hw).castTo(type)));
            biasPlane = b;
        }
        return b.values();
    }

    private record BiasPlane(long hw, INDArray values) { }

    /** [n, cols] with row i all v[i], filled in Java (ND4J's broadcast to a new array runs in Java too, element by element). */
    private static INDArray repeatRows(INDArray v, long cols) {
        float[] values = v.castTo(DataType.FLOAT).toFloatVector();
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, values.length, cols);
        FloatBuffer b = NativeArrays.floats(out);
        float[] row = new float[(int) cols];
        for (int i = 0; i < values.length; i++) {
            Arrays.fill(row, values[i]);
            b.put((int) (i * cols), row);
        }
        return out;
    }

    private volatile BiasPlane biasPlane;

    /** The output size of this convolution on an input of {@code in} rows or columns. */
    long outSide(long in) {
        return (in + 2L * pad - w.kernelSize()) / stride + 1;
    }

    /**
     * The convolution plus bias, and the ReLU when the layer has one, into {@code out} (null:
     * a new array). oneDNN runs it directly where it can ({@link OneDnnConv}, the ReLU fused),
     * else libnd4j.
     */
    INDArray convolve(INDArray x, INDArray out) {
        INDArray y;
        if (pointwise(x)) {
            y = out != null ? out : Nd4j.createUninitialized(x.dataType(), 1, w.outChannels(), x.size(2), x.size(3));
            ArrayOps.conv1x1(x, matrix(), biasPlane(x.size(2) * x.size(3), x.dataType()), y);
        } else if (OneDnn.accepts(x) && (out == null || OneDnn.accepts(out))) {
            y = out != null ? out : Nd4j.createUninitialized(x.dataType(), x.size(0), w.outChannels(), outSide(x.size(2)), outSide(x.size(3)));
            return forwardKernel().run(x, y);
        } else {
            y = out == null ? ArrayOps.conv2d(x, w.kernelHwio(), w.bias(), stride, pad)
                    : ArrayOps.conv2d(x, w.kernelHwio(), w.bias(), stride, pad, out);
        }
        return relu ? Transforms.relu(y, false) : y;
    }

    private OneDnnConv forwardKernel() {
        OneDnnConv k = forwardDnnl;
        if (k == null) {
            k = new OneDnnConv(ArrayOps.outsideWorkspaces(() -> NativeArrays.directFloats(w.kernelHwio())), w.bias(), stride, pad, relu);
            forwardDnnl = k;
        }
        return k;
    }

    /** The input gradient's convolution (see {@link #inputGradient}): the flipped kernel, no bias, no ReLU. */
    private OneDnnConv backwardKernel() {
        OneDnnConv k = backwardDnnl;
        if (k == null) {
            // the flipped kernel is made again if a plan needs another weight layout, and freed after each use
            long[] shape = {w.kernelSize(), w.kernelSize(), w.outChannels(), w.inChannels()};
            k = new OneDnnConv(() -> ArrayOps.outsideWorkspaces(() -> NativeArrays.directFloats(ArrayOps.flippedTransposed(w.kernelHwio()))),
                    shape, null, 1, pad, false);
            backwardDnnl = k;
        }
        return k;
    }

    private INDArray backKernel() {
        if (backKernel == null) {
            backKernel = ArrayOps.outsideWorkspaces(() -> ArrayOps.flippedTransposed(w.kernelHwio()));
        }
        return backKernel;
    }

    // made on first use; a run on another thread may make its own at the same moment (both are the same)
    private volatile OneDnnConv forwardDnnl;
    private volatile OneDnnConv backwardDnnl;

    /** The input gradient of {@link #convolve} (no ReLU) for an input of inH x inW. */
    INDArray inputGradient(INDArray g, long inH, long inW) {
        if (pointwise(g)) {
            return ArrayOps.conv1x1InputGradient(g, matrix());
        }
        if (stride == 1 && 2 * pad == w.kernelSize() - 1) {
            if (OneDnn.accepts(g)) {
                return backwardKernel().run(g, Nd4j.createUninitialized(g.dataType(), g.size(0), w.inChannels(), g.size(2), g.size(3)));
            }
            return ArrayOps.conv2d(g, backKernel(), null, 1, pad);
        }
        return ArrayOps.conv2dInputGradientByDeconv(w.kernelHwio(), stride, pad, g, inH, inW);
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
        INDArray y = tape.pop(); // this layer's output: whoever owns it frees it; no one reads it after this
        INDArray x = tape.pop();
        // gradOut is y itself when the max pooling after this layer has applied the ReLU's gradient
        INDArray g = relu && gradOut != y ? ArrayOps.reluGradientInPlace(y, gradOut) : gradOut;
        return inputGradient(g, x.size(2), x.size(3));
    }
}
