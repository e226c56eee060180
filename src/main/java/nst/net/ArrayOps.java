package nst.net;

import java.util.Deque;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.api.ops.impl.layers.convolution.AvgPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.DeConv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import nst.core.Pooling;

/** The ND4J operations that run the networks op by op on plain arrays, and their input gradients. */
final class ArrayOps {
    private ArrayOps() { }

    /** A layer that runs forward on arrays, pushing onto {@code tape} what its backward pops. */
    interface ArrayOp {
        INDArray forward(INDArray x, Deque<INDArray> tape);

        INDArray backward(INDArray gradOut, Deque<INDArray> tape);
    }

    static Conv2DConfig convConfig(int k, int stride, int pad) {
        return Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(pad).pW(pad)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").build();
    }

    static INDArray conv2d(INDArray x, INDArray kernelHwio, INDArray bias, int stride, int pad) {
        return Nd4j.exec(new Conv2D(x, kernelHwio, bias, convConfig((int) kernelHwio.size(0), stride, pad)))[0];
    }

    /** {@link #conv2d} written into {@code out}, which may be a channel range of a larger array. */
    static INDArray conv2d(INDArray x, INDArray kernelHwio, INDArray bias, int stride, int pad, INDArray out) {
        Nd4j.exec(new Conv2D(x, kernelHwio, bias, out, convConfig((int) kernelHwio.size(0), stride, pad)));
        return out;
    }

    /**
     * A 1x1, stride-1 convolution of one image as one BLAS matrix product: with x as the
     * [inC, H*W] matrix it already is (NCHW, batch 1), y = W^T x + b. No oneDNN call, so none of
     * the reorders of input, output and weights to and from its blocked layout that cost several
     * times the arithmetic for SqueezeNet's small layers (see BENCHMARKS.md). The bias comes as a
     * whole [outC, H*W] plane that gemm adds (beta = 1): a copy, where ND4J's broadcast add of a
     * column vector took 10 times as long.
     *
     * @param w the kernel as an [inC, outC] matrix
     * @param biasPlane the bias repeated along each row, [outC, H*W], or null
     * @param out the result, [1, outC, H, W], contiguous (it may be a channel range of a larger array)
     */
    static INDArray conv1x1(INDArray x, INDArray w, INDArray biasPlane, INDArray out) {
        long hw = x.size(2) * x.size(3);
        INDArray y2 = out.reshape('c', w.size(1), hw);
        if (biasPlane != null) {
            y2.assign(biasPlane);
        }
        Nd4j.gemm(w, x.reshape('c', x.size(1), hw), y2, true, false, 1.0, biasPlane == null ? 0.0 : 1.0);
        return out;
    }

    /** The input gradient of {@link #conv1x1}: W g, again one matrix product. */
    static INDArray conv1x1InputGradient(INDArray gradOut, INDArray w) {
        long hw = gradOut.size(2) * gradOut.size(3);
        INDArray gx = Nd4j.createUninitialized(gradOut.dataType(), 1, w.size(0), gradOut.size(2), gradOut.size(3));
        Nd4j.gemm(w, gradOut.reshape('c', gradOut.size(1), hw), gx.reshape('c', w.size(0), hw), false, false, 1.0, 0.0);
        return gx;
    }

    /**
     * The input gradient of a convolution as a transposed convolution (deconv2d, oneDNN) of the
     * output gradient with the same kernel: no weight gradients, unlike conv2d_bp. Input rows and
     * columns that no window reached (a floor-sized output) get a zero gradient.
     */
    static INDArray conv2dInputGradientByDeconv(INDArray kernelHwio, int stride, int pad, INDArray gradOut, long inH, long inW) {
        int k = (int) kernelHwio.size(0);
        DeConv2DConfig c = DeConv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(0).pW(0)
                .isSameMode(false).dataFormat("NCHW").build();
        // the gradient over the zero-padded input; the input itself starts at (pad, pad)
        INDArray full = Nd4j.exec(new DeConv2D(gradOut, kernelHwio, null, c))[0];
        if (pad == 0 && full.size(2) == inH && full.size(3) == inW) {
            return full;
        }
        INDArray out = Nd4j.zeros(full.dataType(), full.size(0), full.size(1), inH, inW);
        long h = Math.min(inH, full.size(2) - pad);
        long w = Math.min(inW, full.size(3) - pad);
        out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, h), NDArrayIndex.interval(0, w))
                .assign(full.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(pad, pad + h), NDArrayIndex.interval(pad, pad + w)));
        full.close();
        return out;
    }

    /**
     * For a stride-1 convolution with 'same' zero padding the input gradient is itself a
     * convolution: of the output gradient with the kernel flipped in space and its in/out channels
     * swapped. This returns that kernel (HWIO), computed once per layer.
     */
    static INDArray flippedTransposed(INDArray kernelHwio) {
        int k = (int) kernelHwio.size(0);
        int ci = (int) kernelHwio.size(2);
        int co = (int) kernelHwio.size(3);
        float[] w = kernelHwio.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
        float[] out = new float[w.length];
        for (int y = 0; y < k; y++) {
            for (int x = 0; x < k; x++) {
                for (int i = 0; i < ci; i++) {
                    for (int o = 0; o < co; o++) {
                        out[(((k - 1 - y) * k + (k - 1 - x)) * co + o) * ci + i] = w[((y * k + x) * ci + i) * co + o];
                    }
                }
            }
        }
        return Nd4j.create(out, new long[] {k, k, co, ci}, 'c').castTo(kernelHwio.dataType());
    }

    /**
     * What {@code make} returns, in memory of its own rather than in the workspace of an
     * evaluation that may be running (see nst.core.loss.EvaluationMemory): for the caches that
     * a layer makes on its first use and keeps.
     */
    static <T> T outsideWorkspaces(java.util.function.Supplier<T> make) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return make.get();
        }
    }

    static Pooling2DConfig poolConfig(int k, int stride) {
        return Pooling2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).paddingMode(PaddingMode.VALID).isNHWC(false).build();
    }

    static INDArray pool(INDArray x, int k, int stride, Pooling kind) {
        Pooling2DConfig c = poolConfig(k, stride);
        return execWithoutHelpers(kind == Pooling.AVG ? new AvgPooling2D(x, null, c) : new MaxPooling2D(x, null, c))[0];
    }

    /**
     * Runs {@code op} with libnd4j's platform helpers (oneDNN) switched off. For pooling the
     * built-in loops are 2-4x faster than oneDNN on NCHW arrays, whose reorders to and from the
     * blocked layout dominate (SqueezeNet at 256 px: max-pool forward 13.3 -> 2.8 ms, backward
     * 18.0 -> 7.2 ms; see BENCHMARKS.md). Switched off for this op only, through its own context:
     * the process-wide switch (Environment.allowHelpers) would also change, for as long as it is
     * off, which code the ops of a run on another thread take (Nd4j.gemm's matmul, conv2d and
     * deconv2d then run without oneDNN and round differently, so two runs at once changed each
     * other's results), and that run's own switching could turn them back on under this op.
     */
    static INDArray[] execWithoutHelpers(CustomOp op) {
        if (op.numOutputArguments() == 0) {
            for (LongShapeDescriptor shape : Nd4j.getExecutioner().calculateOutputShape(op)) {
                op.addOutputArgument(Nd4j.create(shape, false));
            }
        }
        OpContext ctx = Nd4j.getExecutioner().buildContext();
        try {
            ctx.setInputArrays(op.inputArguments());
            ctx.setOutputArrays(op.outputArguments());
            ctx.setIArguments(op.iArgs());
            ctx.setTArguments(op.tArgs());
            ctx.setBArguments(op.bArgs());
            ctx.allowHelpers(false);
            return Nd4j.getExecutioner().exec(op, ctx);
        } finally {
            try {
                ctx.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static INDArray poolInputGradient(INDArray x, int k, int stride, Pooling kind, INDArray gradOut) {
        Pooling2DConfig c = poolConfig(k, stride);
        long[] iArgs = (kind == Pooling.AVG ? new AvgPooling2D(x, null, c) : new MaxPooling2D(x, null, c)).iArgs();
        DynamicCustomOp bp = DynamicCustomOp.builder(kind == Pooling.AVG ? "avgpool2d_bp" : "maxpool2d_bp")
                .addInputs(x, gradOut).addIntegerArguments(ints(iArgs)).build();
        return execWithoutHelpers(bp)[0];
    }

    private static int[] ints(long[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }

    /**
     * gradOut where the ReLU output was positive, else 0, computed in place: {@code reluOut}
     * becomes the 0/1 mask and {@code gradOut} is multiplied by it. For the backward pass, where
     * neither is needed afterwards; no allocation (a new 64 MB array per VGG layer at 512 px costs
     * more in page faults than the arithmetic), and libnd4j's fused threshold-ReLU and relu_bp
     * ops are 4-5x slower than these two element-wise passes.
     */
    static INDArray reluGradientInPlace(INDArray reluOut, INDArray gradOut) {
        return gradOut.muli(Transforms.step(reluOut, false));
    }

    /** Channels [from, to) of an NCHW array, as a view. */
    static INDArray channels(INDArray x, long from, long to) {
        return x.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all());
    }
}
