package nst.net.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_direct;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_forward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_relu;
import static org.bytedeco.dnnl.global.dnnl.dnnl_format_tag_any;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_inference;
import static org.bytedeco.dnnl.global.dnnl.dnnl_hwio;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_equal;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_get_size;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_set_data_handle;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nchw;
import static org.bytedeco.dnnl.global.dnnl.dnnl_post_ops_append_eltwise;
import static org.bytedeco.dnnl.global.dnnl.dnnl_post_ops_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_post_ops_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_attr_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_attr_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_attr_set_post_ops;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_query_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_dst_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_src_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_weights_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_x;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_post_ops;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One convolution (+ bias, + ReLU when asked) of NCHW float32 arrays by a oneDNN primitive called
 * directly ({@link OneDnn}), for what libnd4j's conv2d does slowly on every call: it reorders its
 * output array into the blocked layout before overwriting it, reorders the weights from
 * [kH, kW, in, out] each time, and bundles an older oneDNN (2.3). Here the weights are reordered
 * once; per call the input is reordered into the blocked layout the primitive chose, the
 * primitive runs, with the ReLU fused, and its output is reordered into the NCHW result. The
 * results are libnd4j's (bit for bit at VGG19's shapes in a test program; the tests allow a
 * relative 1e-5).
 * <p>
 * A plan (primitive, reorders) is made per input size, the first time that size comes, and the
 * last {@value #PLANS} are kept: a run meets one or two sizes per layer (its scales).
 */
public final class OneDnnConv {
    static final int PLANS = 4;

    /** Frees a convolution's native objects (oneDNN's primitives are not freed by the garbage collector) once it is unreachable. */
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicInteger LIVE_PLANS = new AtomicInteger();

    private final Supplier<INDArray> kernelHwio;
    private final boolean madeKernel;
    private final Geometry geometry;
    private final Natives natives = new Natives();

    /** What a plan needs to know of the convolution (no reference back to it, for the cleaner). */
    private record Geometry(long[] kernelShape, float[] bias, int stride, int pad, boolean relu) {
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
        this(() -> kernelHwio, false, kernelHwio.shape(), bias, stride, pad, relu);
        if (!OneDnn.accepts(kernelHwio)) {
            throw new IllegalArgumentException("the kernel must be a float32 'c'-order array");
        }
    }

    /**
     * As above, with a kernel of shape {@code kernelShape} that {@code make} makes afresh (float32,
     * accepted) whenever a plan needs the weights in a layout not made yet, and that is closed
     * after: for a kernel derived from another, which then takes no memory between those times.
     */
    public OneDnnConv(Supplier<INDArray> make, long[] kernelShape, INDArray bias, int stride, int pad, boolean relu) {
        this(make, true, kernelShape, bias, stride, pad, relu);
    }

    private OneDnnConv(Supplier<INDArray> kernelHwio, boolean made, long[] kernelShape, INDArray bias, int stride, int pad, boolean relu) {
        this.kernelHwio = kernelHwio;
        this.madeKernel = made;
        this.geometry = new Geometry(kernelShape.clone(), bias == null ? null : bias.castTo(DataType.FLOAT).toFloatVector(), stride, pad, relu);
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

    private Plan plan(long[] xs) {
        long key = (xs[0] * 1_000_003L + xs[2]) * 1_000_003L + xs[3];
        Map<Long, Plan> plans = natives.plans;
        Plan p = plans.remove(key);
        if (p == null) {
            p = new Plan(geometry, xs, this::weightsFor);
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
        final Map<Long, Plan> plans = new LinkedHashMap<>();
        final List<Weights> weights = new ArrayList<>();

        @Override
        public void run() {
            synchronized (OneDnn.LOCK) {
                plans.values().forEach(Plan::close);
                plans.clear();
                for (Weights w : weights) {
                    dnnl_memory_destroy(w.memory());
                    w.data().deallocate();
                }
                weights.clear();
            }
        }
    }

    /** The primitives and memory objects for one input shape. */
    private static final class Plan {
        private final dnnl_primitive conv;
        private final dnnl_primitive reorderIn;
        private final dnnl_primitive reorderOut;
        private final dnnl_memory srcUser;
        private final dnnl_memory src;
        private final dnnl_memory dst;
        private final dnnl_memory dstUser;
        private final dnnl_memory biasMemory;
        private final BytePointer biasData;
        private final long srcBytes;
        private final long dstBytes;
        private final dnnl_exec_arg_t convArgs;
        private final int convArgCount;
        private final dnnl_exec_arg_t inArgs;
        private final dnnl_exec_arg_t outArgs;

        Plan(Geometry g, long[] xs, Function<dnnl_memory_desc_t, dnnl_memory> weightsFor) {
            float[] bias = g.bias();
            int stride = g.stride();
            int pad = g.pad();
            long[] ys = {xs[0], g.kernelShape()[3], g.outSide(xs[2]), g.outSide(xs[3])};
            long[] wd = g.weightDims();
            dnnl_memory_desc_t userSrc = OneDnn.desc(xs, dnnl_nchw);
            dnnl_memory_desc_t userDst = OneDnn.desc(ys, dnnl_nchw);
            dnnl_memory_desc_t biasMd = bias == null ? null : OneDnn.desc(new long[] {bias.length}, dnnl_x);
            dnnl_convolution_desc_t d = new dnnl_convolution_desc_t();
            OneDnn.check(dnnl_convolution_forward_desc_init(d, dnnl_forward_inference, dnnl_convolution_direct,
                    OneDnn.desc(xs, dnnl_format_tag_any), OneDnn.desc(wd, dnnl_format_tag_any),
                    biasMd, OneDnn.desc(ys, dnnl_format_tag_any),
                    new long[] {stride, stride}, new long[] {pad, pad}, new long[] {pad, pad}), "describing a convolution");
            dnnl_primitive_attr attr = new dnnl_primitive_attr();
            OneDnn.check(dnnl_primitive_attr_create(attr), "creating attributes");
            dnnl_post_ops ops = new dnnl_post_ops();
            OneDnn.check(dnnl_post_ops_create(ops), "creating post-ops");
            if (g.relu()) {
                OneDnn.check(dnnl_post_ops_append_eltwise(ops, 1f, dnnl_eltwise_relu, 0f, 0f), "adding the ReLU");
            }
            OneDnn.check(dnnl_primitive_attr_set_post_ops(attr, ops), "setting post-ops");
            dnnl_primitive_desc pd = new dnnl_primitive_desc();
            OneDnn.check(dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(d), attr, OneDnn.engine(), null), "planning a convolution");
            dnnl_post_ops_destroy(ops);
            dnnl_primitive_attr_destroy(attr);
            // copies: the descriptor's own go with it
            dnnl_memory_desc_t srcMd = OneDnn.copy(dnnl_primitive_desc_query_md(pd, dnnl_query_src_md, 0));
            dnnl_memory_desc_t wMd = OneDnn.copy(dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0));
            dnnl_memory_desc_t dstMd = OneDnn.copy(dnnl_primitive_desc_query_md(pd, dnnl_query_dst_md, 0));
            dnnl_memory w = weightsFor.apply(wMd);
            conv = OneDnn.primitive(pd);
            dnnl_primitive_desc_destroy(pd);
            boolean srcPlain = dnnl_memory_desc_equal(srcMd, userSrc) != 0;
            boolean dstPlain = dnnl_memory_desc_equal(dstMd, userDst) != 0;
            srcUser = OneDnn.memory(userSrc, null);
            dstUser = OneDnn.memory(userDst, null);
            src = srcPlain ? srcUser : OneDnn.memory(srcMd, null);
            dst = dstPlain ? dstUser : OneDnn.memory(dstMd, null);
            srcBytes = srcPlain ? 0 : dnnl_memory_desc_get_size(srcMd);
            dstBytes = dstPlain ? 0 : dnnl_memory_desc_get_size(dstMd);
            reorderIn = srcPlain ? null : OneDnn.reorder(userSrc, srcMd);
            reorderOut = dstPlain ? null : OneDnn.reorder(dstMd, userDst);
            inArgs = reorderIn == null ? null : OneDnn.reorderArgs(srcUser, src);
            outArgs = reorderOut == null ? null : OneDnn.reorderArgs(dst, dstUser);
            if (bias != null) {
                biasData = new BytePointer(4L * bias.length);
                biasData.asByteBuffer().order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer().put(bias);
                biasMemory = OneDnn.memory(biasMd, biasData);
                convArgs = OneDnn.args(new int[] {DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_BIAS, DNNL_ARG_DST}, src, w, biasMemory, dst);
                convArgCount = 4;
            } else {
                biasData = null;
                biasMemory = null;
                convArgs = OneDnn.args(new int[] {DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_DST}, src, w, dst);
                convArgCount = 3;
            }
            LIVE_PLANS.incrementAndGet();
        }

        /** Callers hold {@link OneDnn#LOCK}. */
        void run(INDArray x, INDArray y) {
            handle(srcUser, OneDnn.at(x));
            handle(dstUser, OneDnn.at(y));
            if (reorderIn != null) {
                handle(src, OneDnn.scratch(0, srcBytes));
                OneDnn.execute(reorderIn, inArgs, 2);
            }
            if (reorderOut != null) {
                handle(dst, OneDnn.scratch(1, dstBytes));
            }
            OneDnn.execute(conv, convArgs, convArgCount);
            if (reorderOut != null) {
                OneDnn.execute(reorderOut, outArgs, 2);
            }
            OneDnn.await();
        }

        private void handle(dnnl_memory m, Pointer data) {
            OneDnn.check(dnnl_memory_set_data_handle(m, data), "pointing at an array");
        }

        void close() {
            dnnl_primitive_destroy(conv);
            if (reorderIn != null) {
                dnnl_primitive_destroy(reorderIn);
                dnnl_memory_destroy(src);
            }
            if (reorderOut != null) {
                dnnl_primitive_destroy(reorderOut);
                dnnl_memory_destroy(dst);
            }
            dnnl_memory_destroy(srcUser);
            dnnl_memory_destroy(dstUser);
            if (biasMemory != null) {
                dnnl_memory_destroy(biasMemory);
                biasData.deallocate();
            }
            LIVE_PLANS.decrementAndGet();
        }
    }
}
