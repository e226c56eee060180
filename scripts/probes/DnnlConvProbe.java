import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.Arrays;
import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How fast one 3x3 convolution runs when oneDNN is called directly and its arrays stay in the
 * blocked layouts that oneDNN chooses (no reorders; the primitive made once), against libnd4j's
 * conv2d on the NCHW arrays the engine uses (which reorders input, output array and weights and
 * makes the primitive on every call). VGG19's 3x3 layer shapes at 256 px, 20 calls each, the two
 * alternating, medians, three rounds. The oneDNN buffers hold zeros: the arithmetic does not
 * depend on the values. Run by scripts/probes/dnnl_conv_probe.sh; not part of the build: the
 * seventh session's measurement, kept for the record (nst.model.OneDnnConv is what the engine
 * runs since the eighth).
 */
public final class DnnlConvProbe {
    private DnnlConvProbe() { }

    private static void check(int status, String what) {
        if (status != 0) {
            throw new IllegalStateException(what + ": oneDNN status " + status);
        }
    }

    private static dnnl_memory_desc_t desc(long[] dims, int tag) {
        dnnl_memory_desc_t d = new dnnl_memory_desc_t();
        check(dnnl_memory_desc_init_by_tag(d, dims.length, dims, dnnl_f32, tag), "memory descriptor");
        return d;
    }

    public static void main(String[] args) {
        // ND4J's native libraries first: with the preset's loaded first (its own libgomp and
        // oneDNN), calls that alternate between the two crashed the JVM in each of 5 runs (SIGSEGV
        // in an OpenMP worker, in JIT-compiled oneDNN code); in this order they ran
        Nd4j.create(DataType.FLOAT, 1);
        int[][] shapes = {{64, 256}, {128, 128}, {256, 64}, {512, 32}, {512, 16}}; // channels in = out, side
        dnnl_engine engine = new dnnl_engine();
        check(dnnl_engine_create(engine, dnnl_cpu, 0), "engine");
        dnnl_stream stream = new dnnl_stream();
        check(dnnl_stream_create(stream, engine, dnnl_stream_default_flags), "stream");
        for (int round = 0; round < 3; round++) {
            for (int[] s : shapes) {
                int c = s[0];
                int side = s[1];
                dnnl_convolution_desc_t conv = new dnnl_convolution_desc_t();
                check(dnnl_convolution_forward_desc_init(conv, dnnl_forward_inference, dnnl_convolution_direct,
                        desc(new long[] {1, c, side, side}, dnnl_format_tag_any), desc(new long[] {c, c, 3, 3}, dnnl_format_tag_any),
                        desc(new long[] {c}, dnnl_x), desc(new long[] {1, c, side, side}, dnnl_format_tag_any),
                        new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1}), "convolution descriptor");
                dnnl_primitive_desc pd = new dnnl_primitive_desc();
                check(dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(conv), null, engine, null), "primitive descriptor");
                int[] queries = {dnnl_query_src_md, dnnl_query_weights_md, dnnl_query_weights_md, dnnl_query_dst_md};
                int[] indexes = {0, 0, 1, 0};
                int[] kinds = {DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_BIAS, DNNL_ARG_DST};
                dnnl_exec_arg_t execArgs = new dnnl_exec_arg_t(4);
                for (int i = 0; i < 4; i++) {
                    dnnl_memory_desc_t md = dnnl_primitive_desc_query_md(pd, queries[i], indexes[i]);
                    BytePointer buffer = new BytePointer(dnnl_memory_desc_get_size(md));
                    buffer.fill(0);
                    dnnl_memory memory = new dnnl_memory();
                    check(dnnl_memory_create(memory, md, engine, buffer), "memory");
                    execArgs.position(i).arg(kinds[i]).memory(memory);
                }
                execArgs.position(0);
                dnnl_primitive primitive = new dnnl_primitive();
                check(dnnl_primitive_create(primitive, pd), "primitive");
                INDArray x = Nd4j.rand(DataType.FLOAT, 1, c, side, side);
                INDArray w = Nd4j.rand(DataType.FLOAT, 3, 3, c, c);
                INDArray b = Nd4j.rand(DataType.FLOAT, c);
                INDArray y = Nd4j.create(DataType.FLOAT, 1, c, side, side);
                Conv2DConfig config = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).pH(1).pW(1)
                        .paddingMode(PaddingMode.VALID).dataFormat("NCHW").build();
                // the two alternate call by call, so that both see the same moments of a noisy machine
                double[] direct = new double[20];
                double[] nd4j = new double[20];
                for (int i = 0; i < direct.length; i++) {
                    long t0 = System.nanoTime();
                    check(dnnl_primitive_execute(primitive, stream, 4, execArgs), "execute");
                    check(dnnl_stream_wait(stream), "wait");
                    long t1 = System.nanoTime();
                    Nd4j.exec(new Conv2D(x, w, b, y, config));
                    long t2 = System.nanoTime();
                    direct[i] = (t1 - t0) / 1e6;
                    nd4j[i] = (t2 - t1) / 1e6;
                }
                Arrays.sort(direct);
                Arrays.sort(nd4j);
                System.out.printf("PROBE %3d -> %3d channels at %3d x %3d: oneDNN direct, blocked %.2f ms | libnd4j conv2d, NCHW %.2f ms%n",
                        c, c, side, side, (direct[9] + direct[10]) / 2, (nd4j[9] + nd4j[10]) / 2);
            }
        }
    }
}
