package nst.model;

import java.util.Deque;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.AvgPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;
import nst.core.Pooling;

/** The ND4J operations of the direct (op-by-op) path and their input gradients. */
final class DirectOps {
    private DirectOps() { }

    /** A layer that runs forward on arrays, pushing onto {@code tape} what its backward pops. */
    interface Direct {
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

    /** The input gradient of a convolution through libnd4j's conv2d_bp (which also computes weight gradients). */
    static INDArray conv2dInputGradient(INDArray x, INDArray kernelHwio, INDArray bias, int stride, int pad, INDArray gradOut) {
        long[] iArgs = new Conv2D(x, kernelHwio, bias, convConfig((int) kernelHwio.size(0), stride, pad)).iArgs();
        DynamicCustomOp bp = DynamicCustomOp.builder("conv2d_bp").addInputs(x, kernelHwio, bias, gradOut)
                .addIntegerArguments(ints(iArgs)).build();
        INDArray[] out = Nd4j.exec(bp);
        out[1].close();
        out[2].close();
        return out[0];
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

    static Pooling2DConfig poolConfig(int k, int stride) {
        return Pooling2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).paddingMode(PaddingMode.VALID).isNHWC(false).build();
    }

    static INDArray pool(INDArray x, int k, int stride, Pooling kind) {
        Pooling2DConfig c = poolConfig(k, stride);
        return Nd4j.exec(kind == Pooling.AVG ? new AvgPooling2D(x, null, c) : new MaxPooling2D(x, null, c))[0];
    }

    static INDArray poolInputGradient(INDArray x, int k, int stride, Pooling kind, INDArray gradOut) {
        Pooling2DConfig c = poolConfig(k, stride);
        long[] iArgs = (kind == Pooling.AVG ? new AvgPooling2D(x, null, c) : new MaxPooling2D(x, null, c)).iArgs();
        DynamicCustomOp bp = DynamicCustomOp.builder(kind == Pooling.AVG ? "avgpool2d_bp" : "maxpool2d_bp")
                .addInputs(x, gradOut).addIntegerArguments(ints(iArgs)).build();
        return Nd4j.exec(bp)[0];
    }

    private static int[] ints(long[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }

    /** gradOut where the ReLU output was positive, else 0 (a new array; one fused pass). */
    static INDArray reluGradient(INDArray reluOut, INDArray gradOut) {
        INDArray out = gradOut.ulike();
        Nd4j.exec(new ThresholdReluBp(reluOut, gradOut, out, 0.0));
        return out;
    }
}
