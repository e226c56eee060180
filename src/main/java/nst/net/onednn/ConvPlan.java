package nst.net.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.dnnl_bf16;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_direct;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_forward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_relu;
import static org.bytedeco.dnnl.global.dnnl.dnnl_f32;
import static org.bytedeco.dnnl.global.dnnl.dnnl_format_tag_any;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_inference;
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
import java.util.function.Function;
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
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The primitives and memory objects for one input shape. In bfloat16 the input and the weights are
 * reordered into bfloat16; the sums, the bias and the output stay float32.
 */
final class ConvPlan {
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

    ConvPlan(OneDnnConv.Geometry g, long[] xs, Function<dnnl_memory_desc_t, dnnl_memory> weightsFor) {
        float[] bias = g.bias();
        int stride = g.stride();
        int pad = g.pad();
        long[] ys = {xs[0], g.kernelShape()[3], g.outSide(xs[2]), g.outSide(xs[3])};
        long[] wd = g.weightDims();
        dnnl_memory_desc_t userSrc = OneDnn.desc(xs, dnnl_nchw);
        dnnl_memory_desc_t userDst = OneDnn.desc(ys, dnnl_nchw);
        dnnl_memory_desc_t biasMd = bias == null ? null : OneDnn.desc(new long[] {bias.length}, dnnl_x);
        dnnl_convolution_desc_t d = new dnnl_convolution_desc_t();
        int in = g.bf16() ? dnnl_bf16 : dnnl_f32;
        OneDnn.check(dnnl_convolution_forward_desc_init(d, dnnl_forward_inference, dnnl_convolution_direct,
                OneDnn.desc(xs, dnnl_format_tag_any, in), OneDnn.desc(wd, dnnl_format_tag_any, in),
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
        OneDnnConv.LIVE_PLANS.incrementAndGet();
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
        OneDnnConv.LIVE_PLANS.decrementAndGet();
    }
}
