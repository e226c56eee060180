package nst.net;

import nst.net.onednn.OneDnn;
import nst.net.onednn.OneDnnConv;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import nst.core.FeatureNetwork;
import nst.core.NativeArrays;
import nst.core.NetworkDefaults;
import nst.core.Pooling;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A feature network described as data: a preprocessing step, then a chain of stages (convolution
 * blocks, pooling), some of which are tapped by name, plus optional branches computed off a tap.
 * {@link #define} builds only what the requested taps need.
 */
class StageNetwork implements FeatureNetwork {

    /** A graph step on an NCHW variable. */
    interface Op {
        SDVariable apply(SameDiff sd, SDVariable x);
    }

    /**
     * One step of the main chain; {@code tap} is null for untapped steps; {@code channels} is its
     * output channel count (0: unchanged, as for pooling), used to estimate memory.
     */
    record Stage(String tap, IntUnaryOperator side, Op op, int channels) {
        Stage(String tap, IntUnaryOperator side, Op op) {
            this(tap, side, op, 0);
        }
    }

    /** A tap computed from another tap ({@code parent}), off the main chain. */
    record Branch(String tap, String parent, IntUnaryOperator side, Op op) { }

    private final String id;
    private final Op preprocess;
    private final List<Stage> stages;
    private final List<Branch> branches;
    private final NetworkDefaults defaults;

    StageNetwork(String id, Op preprocess, List<Stage> stages, List<Branch> branches, NetworkDefaults defaults) {
        this.id = id;
        this.preprocess = preprocess;
        this.stages = List.copyOf(stages);
        this.branches = List.copyOf(branches);
        this.defaults = defaults;
    }

    @Override
    public String id() { return id; }

    @Override
    public FeatureNetwork withPooling(Pooling pooling) {
        List<Stage> changed = stages.stream().map(st -> st.op() instanceof Pool pool
                ? new Stage(st.tap(), st.side(), new Pool(pool.kernel(), pool.stride(), pooling), st.channels()) : st).toList();
        return new StageNetwork(id, preprocess, changed, branches, defaults);
    }

    @Override
    public NetworkDefaults defaults() { return defaults; }

    @Override
    public List<String> layers() {
        List<String> out = new ArrayList<>();
        stages.stream().filter(s -> s.tap() != null).forEach(s -> out.add(s.tap()));
        branches.forEach(b -> out.add(b.tap()));
        return out;
    }

    @Override
    public int outputSide(int inputSide, String layer) {
        checkLayers(List.of(layer));
        Branch b = branch(layer);
        String target = b == null ? layer : b.parent();
        int n = inputSide;
        for (Stage s : stages) {
            n = n < 1 ? n : s.side().applyAsInt(n);
            if (target.equals(s.tap())) {
                break;
            }
        }
        return b == null || n < 1 ? n : b.side().applyAsInt(n);
    }

    @Override
    public Map<String, SDVariable> define(SameDiff sd, SDVariable rgb255Nchw, Collection<String> layers) {
        checkLayers(layers);
        Set<String> need = chainTaps(layers);
        Map<String, SDVariable> taps = new LinkedHashMap<>();
        SDVariable x = preprocess.apply(sd, rgb255Nchw);
        for (Stage s : stages) {
            if (need.isEmpty()) {
                break;
            }
            x = s.op().apply(sd, x);
            if (s.tap() != null && need.remove(s.tap())) {
                taps.put(s.tap(), x);
            }
        }
        Map<String, SDVariable> out = new LinkedHashMap<>();
        for (String l : layers) {
            Branch b = branch(l);
            out.put(l, b == null ? taps.get(l) : b.op().apply(sd, taps.get(b.parent())));
        }
        return out;
    }

    @Override
    public java.util.Optional<nst.core.DirectNetwork> direct() {
        boolean ok = branches.isEmpty() && preprocess instanceof DirectOps.Direct
                && stages.stream().allMatch(st -> st.op() instanceof DirectOps.Direct
                        && (!(st.op() instanceof Conv c) || c.direct()) && (!(st.op() instanceof DirectCapable d) || d.direct()));
        return ok ? java.util.Optional.of(new DirectPass(this)) : java.util.Optional.empty();
    }

    /**
     * The receptive field from the ops' kernels and strides: each op widens it by
     * (kernel - 1) times the product of the strides before it.
     */
    @Override
    public int receptiveField(Collection<String> layers) {
        checkLayers(layers);
        Set<String> need = chainTaps(layers);
        int field = 1;
        int jump = 1;
        for (Stage s : stages) {
            if (need.isEmpty()) {
                break;
            }
            if (s.op() instanceof Window w) {
                field += (w.kernel() - 1) * jump;
                jump *= w.stride();
            }
            need.remove(s.tap());
        }
        return field;
    }

    /** An op's window: its (combined) kernel size and stride. */
    interface Window {
        int kernel();

        int stride();
    }

    /**
     * An op whose output is a ReLU's. Its backward takes a gradient already multiplied by the
     * ReLU's gradient when that gradient is its output array itself, as a max pooling after it
     * leaves it ({@link Pool#backward(INDArray, java.util.Deque, boolean)}).
     */
    interface ReluOutput {
        boolean reluOutput();
    }

    /** Ops built of other ops say whether they can all run directly. */
    interface DirectCapable {
        boolean direct();
    }

    List<Stage> stages() {
        return stages;
    }

    Op preprocess() {
        return preprocess;
    }

    @Override
    public double activationsPerPixel() {
        int n = 1024;
        int side = n;
        int channels = 3;
        double sum = 0;
        for (Stage s : stages) {
            side = s.side().applyAsInt(side);
            channels = s.channels() > 0 ? s.channels() : channels;
            sum += channels * ((double) side / n) * ((double) side / n);
        }
        return sum;
    }

    /** The main-chain taps that the given layers need (a branch needs its parent). */
    private Set<String> chainTaps(Collection<String> layers) {
        Set<String> need = new LinkedHashSet<>();
        for (String l : layers) {
            Branch b = branch(l);
            need.add(b == null ? l : b.parent());
        }
        return need;
    }

    private Branch branch(String tap) {
        return branches.stream().filter(b -> b.tap().equals(tap)).findFirst().orElse(null);
    }

    // -- Building blocks shared by the networks --

    /** Convolution (+ ReLU when {@code relu}); zero padding {@code pad}, or reflection padding. */
    static Op conv(ConvWeights w, int stride, int pad, boolean reflect, boolean relu) {
        return new Conv(w, stride, pad, reflect, relu);
    }

    /** A convolution layer, in the SameDiff graph and on the direct path. */
    static final class Conv implements Op, DirectOps.Direct, Window, ReluOutput {
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

        /** Whether the direct path can run it (reflection padding only runs in the graph). */
        boolean direct() {
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

        /** A 1x1 stride-1 convolution of one image runs as a matrix product (see {@link DirectOps#conv1x1}). */
        private boolean pointwise(INDArray x) {
            // a channel range of a batch-1 NCHW array (the fire module's gradient halves) is contiguous too
            return w.kernelSize() == 1 && stride == 1 && pad == 0 && x.size(0) == 1 && x.ordering() == 'c' && x.elementWiseStride() == 1;
        }

        private INDArray matrix() {
            if (matrix == null) {
                matrix = DirectOps.outsideWorkspaces(() -> w.kernelHwio().reshape(w.inChannels(), w.outChannels()).dup('c'));
            }
            return matrix;
        }

        /** The bias repeated over an image of {@code hw} pixels, kept for the next call at that size. */
        private INDArray biasPlane(long hw, DataType type) {
            BiasPlane b = biasPlane;
            if (b == null || b.hw() != hw || b.values().dataType() != type) {
                // not closed when replaced: a run on another thread may still be reading it
                b = new BiasPlane(hw, DirectOps.outsideWorkspaces(() -> repeatRows(w.bias(), hw).castTo(type)));
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
                DirectOps.conv1x1(x, matrix(), biasPlane(x.size(2) * x.size(3), x.dataType()), y);
            } else if (OneDnn.accepts(x) && (out == null || OneDnn.accepts(out))) {
                y = out != null ? out : Nd4j.createUninitialized(x.dataType(), x.size(0), w.outChannels(), outSide(x.size(2)), outSide(x.size(3)));
                return forwardKernel().run(x, y);
            } else {
                y = out == null ? DirectOps.conv2d(x, w.kernelHwio(), w.bias(), stride, pad)
                        : DirectOps.conv2d(x, w.kernelHwio(), w.bias(), stride, pad, out);
            }
            return relu ? Transforms.relu(y, false) : y;
        }

        private OneDnnConv forwardKernel() {
            OneDnnConv k = forwardDnnl;
            if (k == null) {
                k = new OneDnnConv(DirectOps.outsideWorkspaces(() -> NativeArrays.directFloats(w.kernelHwio())), w.bias(), stride, pad, relu);
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
                k = new OneDnnConv(() -> DirectOps.outsideWorkspaces(() -> NativeArrays.directFloats(DirectOps.flippedTransposed(w.kernelHwio()))),
                        shape, null, 1, pad, false);
                backwardDnnl = k;
            }
            return k;
        }

        private INDArray backKernel() {
            if (backKernel == null) {
                backKernel = DirectOps.outsideWorkspaces(() -> DirectOps.flippedTransposed(w.kernelHwio()));
            }
            return backKernel;
        }

        // made on first use; a run on another thread may make its own at the same moment (both are the same)
        private volatile OneDnnConv forwardDnnl;
        private volatile OneDnnConv backwardDnnl;

        /** The input gradient of {@link #convolve} (no ReLU) for an input of inH x inW. */
        INDArray inputGradient(INDArray g, long inH, long inW) {
            if (pointwise(g)) {
                return DirectOps.conv1x1InputGradient(g, matrix());
            }
            if (stride == 1 && 2 * pad == w.kernelSize() - 1) {
                if (OneDnn.accepts(g)) {
                    return backwardKernel().run(g, Nd4j.createUninitialized(g.dataType(), g.size(0), w.inChannels(), g.size(2), g.size(3)));
                }
                return DirectOps.conv2d(g, backKernel(), null, 1, pad);
            }
            return DirectOps.conv2dInputGradientByDeconv(w.kernelHwio(), stride, pad, g, inH, inW);
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
            INDArray g = relu && gradOut != y ? DirectOps.reluGradientInPlace(y, gradOut) : gradOut;
            return inputGradient(g, x.size(2), x.size(3));
        }
    }

    static IntUnaryOperator convSide(int kernel, int stride, int pad) {
        return n -> (n + 2 * pad - kernel) / stride + 1;
    }

    /** Max pooling with floor ('valid') output size, as Keras; {@link #withPooling} can make it average pooling. */
    static Op maxPool(int kernel, int stride) {
        return new Pool(kernel, stride, Pooling.MAX);
    }

    /** A pooling step, recognisable so that the pooling kind can be swapped. */
    record Pool(int kernel, int stride, Pooling kind) implements Op, DirectOps.Direct, Window {
        @Override
        public INDArray forward(INDArray x, java.util.Deque<INDArray> tape) {
            INDArray y = DirectOps.pool(x, kernel, stride, kind);
            tape.push(x);
            tape.push(y);
            return y;
        }

        /** float32 gradients (the engine's) by {@link WindowPooling}, others by libnd4j. */
        @Override
        public INDArray backward(INDArray gradOut, java.util.Deque<INDArray> tape) {
            return backward(gradOut, tape, false);
        }

        /**
         * As {@link #backward(INDArray, java.util.Deque)}; with {@code timesReluGradient} (the
         * input is a ReLU's output that nothing else reads and no other gradient joins) max
         * pooling returns its input gradient times the ReLU's gradient, written over the input
         * array itself (see {@link ReluOutput}).
         */
        INDArray backward(INDArray gradOut, java.util.Deque<INDArray> tape, boolean timesReluGradient) {
            INDArray y = tape.pop(); // this stage's output and the previous one's: their owner frees them
            INDArray x = tape.pop();
            if (gradOut.dataType() != DataType.FLOAT) {
                return DirectOps.poolInputGradient(x, kernel, stride, kind, gradOut);
            }
            if (kind == Pooling.MAX && timesReluGradient && x.dataType() == DataType.FLOAT && NativeArrays.direct(x)) {
                return WindowPooling.maxInputGradientTimesReluGradientInto(x, y, gradOut, kernel, stride);
            }
            return kind == Pooling.MAX ? WindowPooling.maxInputGradient(x, y, gradOut, kernel, stride)
                    : WindowPooling.averageInputGradient(gradOut, x.size(2), x.size(3), kernel, stride);
        }

        @Override
        public SDVariable apply(SameDiff sd, SDVariable x) {
            Pooling2DConfig c = Pooling2DConfig.builder().kH(kernel).kW(kernel).sH(stride).sW(stride)
                    .paddingMode(PaddingMode.VALID).isNHWC(false).build();
            return kind == Pooling.AVG ? sd.cnn().avgPooling2d(x, c) : sd.cnn().maxPooling2d(x, c);
        }
    }

    /**
     * Caffe-style input (BGR 0..255 minus per-channel means) without reordering channels at run
     * time: this subtracts the means in RGB order, and the network's first convolution gets
     * {@link ConvWeights#forRgbInput() its kernel's input channels reversed}, which computes the same.
     */
    static Op subtractMeanRgb(double b, double g, double r) {
        return new SubtractMean(new double[] {r, g, b});
    }

    /** x minus a per-channel mean (RGB order); its gradient is the identity. */
    record SubtractMean(double[] rgb) implements Op, DirectOps.Direct {
        @Override
        public SDVariable apply(SameDiff sd, SDVariable x) {
            return x.sub(sd.constant(Nd4j.createFromArray(rgb).castTo(x.dataType()).reshape(1, 3, 1, 1)));
        }

        @Override
        public INDArray forward(INDArray x, java.util.Deque<INDArray> tape) {
            INDArray out = x.dup();
            for (int c = 0; c < 3; c++) {
                out.get(NDArrayIndex.all(), NDArrayIndex.point(c), NDArrayIndex.all(), NDArrayIndex.all()).subi(rgb[c]);
            }
            return out;
        }

        @Override
        public INDArray backward(INDArray gradOut, java.util.Deque<INDArray> tape) {
            return gradOut;
        }
    }
}
