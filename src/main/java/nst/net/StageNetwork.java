package nst.net;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import nst.core.FeatureNetwork;
import nst.core.NetworkDefaults;
import nst.core.Pooling;
import nst.core.Precision;
import nst.net.onednn.OneDnn;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A feature network described as data: a preprocessing step, then a chain of stages (convolution
 * blocks, pooling), some of which are tapped by name, plus optional branches computed off a tap.
 * {@link #define} builds only what the requested taps need.
 */
class StageNetwork implements FeatureNetwork {

    /** A layer: a step of a SameDiff graph on an NCHW variable, and the same step on plain arrays. */
    interface Op extends ArrayOps.ArrayOp {
        SDVariable apply(SameDiff sd, SDVariable x);

        /** Whether {@link #forward} and {@link #backward} run (a reflection-padded convolution runs only in a graph). */
        default boolean onArrays() {
            return true;
        }

        /** The same op with its convolutions in bfloat16 ({@code true}) or float32; ops without convolutions return themselves. */
        default Op withBf16(boolean bf16) {
            return this;
        }
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
    private final Precision precision;
    /** The network with the other precision's convolution kernels (the same weights), made on first use. */
    private volatile StageNetwork other;

    StageNetwork(String id, Op preprocess, List<Stage> stages, List<Branch> branches, NetworkDefaults defaults) {
        this(id, preprocess, stages, branches, defaults, Precision.FP32);
    }

    private StageNetwork(String id, Op preprocess, List<Stage> stages, List<Branch> branches, NetworkDefaults defaults, Precision precision) {
        this.id = id;
        this.preprocess = preprocess;
        this.stages = List.copyOf(stages);
        this.branches = List.copyOf(branches);
        this.defaults = defaults;
        this.precision = precision;
    }

    @Override
    public Precision precision() {
        return precision;
    }

    /**
     * This network with its convolutions in the precision {@code p} resolves to on this CPU
     * (bfloat16 only where oneDNN runs it natively; {@code auto} is float32, as {@link Precision#AUTO} says). Each
     * network makes its sibling once, so its kernels keep their prepared weights from run to run.
     */
    @Override
    public synchronized FeatureNetwork withPrecision(Precision p) {
        Precision want = p == Precision.BF16 && OneDnn.bf16Native() ? Precision.BF16 : Precision.FP32;
        if (want == precision) {
            return this;
        }
        StageNetwork o = other;
        if (o == null) { // synchronized: runs sharing a network (a batch's tasks) make one sibling
            boolean bf16 = want == Precision.BF16;
            o = new StageNetwork(id, preprocess, stages.stream().map(st -> new Stage(st.tap(), st.side(), st.op().withBf16(bf16), st.channels()))
                    .toList(), branches.stream().map(b -> new Branch(b.tap(), b.parent(), b.side(), b.op().withBf16(bf16))).toList(), defaults, want);
            o.other = this;
            other = o;
        }
        return o;
    }

    @Override
    public String id() { return id; }

    @Override
    public FeatureNetwork withPooling(Pooling pooling) {
        List<Stage> changed = stages.stream().map(st -> st.op() instanceof Pool pool
                ? new Stage(st.tap(), st.side(), new Pool(pool.kernel(), pool.stride(), pooling), st.channels()) : st).toList();
        return new StageNetwork(id, preprocess, changed, branches, defaults, precision);
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
    public java.util.Optional<nst.core.InputGradientNetwork> inputGradients() {
        boolean ok = branches.isEmpty() && preprocess.onArrays() && stages.stream().allMatch(st -> st.op().onArrays());
        return ok ? java.util.Optional.of(new InputGradientPass(this)) : java.util.Optional.empty();
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
     * An op whose output may be a ReLU's ({@link #reluOutput}). When a max pooling after it has
     * already multiplied the gradient by the ReLU's gradient ({@link Pool#backward(INDArray,
     * java.util.Deque, boolean)}), the input-gradient pass says so, from the layer sequence.
     */
    interface ReluOutput {
        boolean reluOutput();

        /** The input gradient; {@code reluGradientApplied}: {@code gradOut} is already times the ReLU's gradient. */
        INDArray backward(INDArray gradOut, java.util.Deque<INDArray> tape, boolean reluGradientApplied);
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

    static IntUnaryOperator convSide(int kernel, int stride, int pad) {
        return n -> (n + 2 * pad - kernel) / stride + 1;
    }

    /** Max pooling with floor ('valid') output size, as Keras; {@link #withPooling} can make it average pooling. */
    static Op maxPool(int kernel, int stride) {
        return new Pool(kernel, stride, Pooling.MAX);
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
    record SubtractMean(double[] rgb) implements Op {
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
