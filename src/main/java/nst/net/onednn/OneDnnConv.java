package nst.net.onednn;

import static org.bytedeco.dnnl.global.dnnl.dnnl_hwio;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_equal;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_get_size;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_destroy;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One convolution (+ bias, + ReLU when asked) of NCHW float32 arrays by a oneDNN primitive called
 * directly ({@link OneDnn}), for what libnd4j's conv2d does slowly on every call: it reorders its
 * output array into the blocked layout before overwriting it, reorders the weights from
 * [kH, kW, in, out] each time, and bundles an older oneDNN (2.3). Here the weights are reordered
 * once; per call the input is reordered into the blocked layout the primitive chose, the
 * primitive runs, with the ReLU fused, and its output is reordered into the NCHW result. In
 * float32 the results are libnd4j's (bit for bit at VGG19's shapes in a test program; the tests
 * allow a relative 1e-5); in bfloat16 they are the float32 convolution of bfloat16-rounded input
 * and weights.
 * <p>
 * A plan (primitive, reorders) is made per input size, the first time that size comes, and the
 * last {@value #PLANS} are kept: a run meets one or two sizes per layer (its scales).
 */
public final class OneDnnConv {
    static final int PLANS = 4;

    /** Frees a convolution's native objects (oneDNN's primitives are not freed by the garbage collector) once it is unreachable. */
    private static final Cleaner CLEANER = Cleaner.create();
    static final AtomicInteger LIVE_PLANS = new AtomicInteger();

    private final Supplier<INDArray> kernelHwio;
    private final boolean madeKernel;
    private final Geometry geometry;
    private final Natives natives = new Natives();

    /** What a plan needs to know of the convolution (no reference back to it, for the cleaner). */
    record Geometry(long[] kernelShape, float[] bias, int stride, int pad, boolean relu, boolean bf16) {
        public long outSide(long in) {
            return (in + 2L * pad - kernelShape[0]) / stride + 1;
        }

        /** The weights' dimensions as oneDNN orders them: out, in, kH, kW. */
        long[] weightDims() {
            return new long[] {kernelShape[3], kernelShape[2], kernelShape[0], kernelShape[1]};
        }
    }

    /**
     * @param kernelHwio [kH, kW, in, out], float32 and {@link OneDnn#accepts accepted}: read (not
     *     copied) whenever a plan needs the weights in a layout not made yet
     * @param bias [out], or null for none (copied)
     */
    public OneDnnConv(INDArray kernelHwio, INDArray bias, int stride, int pad, boolean relu) {
        this(kernelHwio, bias, stride, pad, relu, false);
    }

    /** As above; with {@code bf16} the weights and the input are bfloat16, the sums and the output float32. */
    public OneDnnConv(INDArray kernelHwio, INDArray bias, int stride, int pad, boolean relu, boolean bf16) {
        this(() -> kernelHwio, false, kernelHwio.shape(), bias, stride, pad, relu, bf16);
        if (!OneDnn.accepts(kernelHwio)) {
            throw new IllegalArgumentException("the kernel must be a float32 'c'-order array");
        }
    }

    /**
     * As above, with a kernel of shape {@code kernelShape} that {@code make} makes afresh (float32,
     * accepted) whenever a plan needs the weights in a layout not made yet, and that is closed
     * after: for a kernel derived from another, which then takes no memory between those times.
     */
    public OneDnnConv(Supplier<INDArray> make, long[] kernelShape, INDArray bias, int stride, int pad, boolean relu, boolean bf16) {
        this(make, true, kernelShape, bias, stride, pad, relu, bf16);
    }

    private OneDnnConv(Supplier<INDArray> kernelHwio, boolean made, long[] kernelShape, INDArray bias, int stride, int pad, boolean relu,
                       boolean bf16) {
        this.kernelHwio = kernelHwio;
        this.madeKernel = made;
        this.geometry = new Geometry(kernelShape.clone(), bias == null ? null : bias.castTo(DataType.FLOAT).toFloatVector(), stride, pad, relu,
                bf16);
        CLEANER.register(this, natives);
    }

    public long outSide(long in) {
        return geometry.outSide(in);
    }

    /** The plans alive in this JVM, of all convolutions (for tests). */
    public static int livePlans() {
        return LIVE_PLANS.get();
    }

    /**
     * Writes the convolution of {@code x} ([n, in, H, W]) into {@code y} ([n, out, H', W']); both
     * {@link OneDnn#accepts accepted}. Returns y.
     */
    public INDArray run(INDArray x, INDArray y) {
        long[] xs = x.shape();
        long[] ys = y.shape();
        long[] k = geometry.kernelShape();
        if (xs.length != 4 || ys.length != 4 || xs[1] != k[2] || ys[1] != k[3] || ys[0] != xs[0]
                || ys[2] != outSide(xs[2]) || ys[3] != outSide(xs[3])) {
            throw new IllegalArgumentException("convolution of " + Arrays.toString(xs) + " into " + Arrays.toString(ys)
                    + " with a kernel of " + Arrays.toString(k));
        }
        synchronized (OneDnn.LOCK) {
            plan(xs).run(x, y);
        }
        return y;
    }

    private ConvPlan plan(long[] xs) {
        long key = (xs[0] * 1_000_003L + xs[2]) * 1_000_003L + xs[3];
        Map<Long, ConvPlan> plans = natives.plans;
        ConvPlan p = plans.remove(key);
        if (p == null) {
            p = new ConvPlan(geometry, xs, this::weightsFor);
            if (plans.size() == PLANS) {
                Long oldest = plans.keySet().iterator().next();
                plans.remove(oldest).close();
            }
        }
        plans.put(key, p); // most recent last
        return p;
    }

    /** The weights in the blocked layout {@code md}, reordered once and shared by the plans that use that layout. */
    private dnnl_memory weightsFor(dnnl_memory_desc_t md) {
        for (Weights w : natives.weights) {
            if (dnnl_memory_desc_equal(w.md(), md) != 0) {
                return w.memory();
            }
        }
        long[] dims = geometry.weightDims();
        INDArray kernel = kernelHwio.get();
        if (!OneDnn.accepts(kernel) || !Arrays.equals(kernel.shape(), geometry.kernelShape())) {
            throw new IllegalStateException("the kernel is not a float32 'c'-order array of shape " + Arrays.toString(geometry.kernelShape()));
        }
        BytePointer blocked = new BytePointer(dnnl_memory_desc_get_size(md));
        dnnl_memory_desc_t hwio = OneDnn.desc(dims, dnnl_hwio);
        dnnl_memory from = OneDnn.memory(hwio, OneDnn.at(kernel));
        dnnl_memory to = OneDnn.memory(md, blocked);
        dnnl_primitive reorder = OneDnn.reorder(hwio, md);
        OneDnn.execute(reorder, OneDnn.reorderArgs(from, to), 2);
        OneDnn.await();
        dnnl_primitive_destroy(reorder);
        dnnl_memory_destroy(from);
        if (madeKernel) {
            kernel.close();
        }
        Weights w = new Weights(md, to, blocked);
        natives.weights.add(w);
        return to;
    }

    private record Weights(dnnl_memory_desc_t md, dnnl_memory memory, BytePointer data) { }

    /** A convolution's plans and blocked weights; {@link #run} frees them (the cleaner calls it). */
    private static final class Natives implements Runnable {
        final Map<Long, ConvPlan> plans = new LinkedHashMap<>();
        final List<Weights> weights = new ArrayList<>();

        @Override
        public void run() {
            synchronized (OneDnn.LOCK) {
                plans.values().forEach(ConvPlan::close);
                plans.clear();
                for (Weights w : weights) {
                    dnnl_memory_destroy(w.memory());
                    w.data().deallocate();
                }
                weights.clear();
            }
        }
    }
}
