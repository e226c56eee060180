package nst.net;

import java.nio.FloatBuffer;
import java.util.Arrays;
import nst.arrays.NativeArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A 1x1, stride-1 convolution of one image as a matrix product ({@link ArrayOps#conv1x1}), and
 * its input gradient as the transposed product. Arrays that are not one contiguous image go to
 * {@code next}.
 */
final class PointwiseConvKernel implements ConvKernel {
    private final ConvWeights w;
    private final boolean relu;
    private final ConvKernel next;
    private final INDArray matrix;
    private volatile BiasPlane biasPlane;

    PointwiseConvKernel(ConvWeights w, boolean relu, ConvKernel next) {
        this.w = w;
        this.relu = relu;
        this.next = next;
        this.matrix = ArrayOps.outsideWorkspaces(() -> w.kernelHwio().reshape(w.inChannels(), w.outChannels()).dup('c'));
    }

    @Override
    public INDArray forward(INDArray x, INDArray out) {
        if (!oneImage(x)) {
            return next.forward(x, out);
        }
        INDArray y = out != null ? out : Nd4j.createUninitialized(x.dataType(), 1, w.outChannels(), x.size(2), x.size(3));
        ArrayOps.conv1x1(x, matrix, biasPlane(x.size(2) * x.size(3), x.dataType()), y);
        return relu ? Transforms.relu(y, false) : y;
    }

    @Override
    public INDArray inputGradient(INDArray g, long inH, long inW) {
        return oneImage(g) ? ArrayOps.conv1x1InputGradient(g, matrix) : next.inputGradient(g, inH, inW);
    }

    /** One contiguous image: a batch-1 NCHW array, or a channel range of one (the fire module's gradient halves). */
    private static boolean oneImage(INDArray x) {
        return x.size(0) == 1 && x.ordering() == 'c' && x.elementWiseStride() == 1;
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
}
