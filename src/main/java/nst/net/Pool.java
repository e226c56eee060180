package nst.net;

import nst.arrays.NativeArrays;
import nst.core.Pooling;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/** A pooling step, recognisable so that the pooling kind can be swapped. */
record Pool(int kernel, int stride, Pooling kind) implements StageNetwork.Op, StageNetwork.Window {
    @Override
    public INDArray forward(INDArray x, java.util.Deque<INDArray> tape) {
        INDArray y = ArrayOps.pool(x, kernel, stride, kind);
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
     * input is a ReLU's output that nothing else reads and no other gradient joins) it returns
     * its input gradient times that ReLU's gradient (float32 max pooling writes it over the input
     * array itself), and the layer before takes it as such (see {@link StageNetwork.ReluOutput}).
     */
    INDArray backward(INDArray gradOut, java.util.Deque<INDArray> tape, boolean timesReluGradient) {
        INDArray y = tape.pop(); // this stage's output and the previous one's: their owner frees them
        INDArray x = tape.pop();
        if (timesReluGradient && kind == Pooling.MAX && gradOut.dataType() == DataType.FLOAT
                && x.dataType() == DataType.FLOAT && NativeArrays.direct(x)) {
            return WindowPooling.maxInputGradientTimesReluGradientInto(x, y, gradOut, kernel, stride);
        }
        INDArray gx = inputGradient(x, y, gradOut);
        return timesReluGradient ? ArrayOps.reluGradientInPlace(x, gx) : gx;
    }

    private INDArray inputGradient(INDArray x, INDArray y, INDArray gradOut) {
        if (gradOut.dataType() != DataType.FLOAT) {
            return ArrayOps.poolInputGradient(x, kernel, stride, kind, gradOut);
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
