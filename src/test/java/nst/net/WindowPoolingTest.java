package nst.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import nst.core.Pooling;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The Java pooling gradients equal libnd4j's pooling backward ops' results. */
class WindowPoolingTest {

    private static void compare(INDArray x, int k, int stride, Pooling kind) {
        INDArray y = ArrayOps.pool(x, k, stride, kind);
        INDArray g = Nd4j.rand(DataType.FLOAT, y.shape()).subi(0.5);
        INDArray expected = ArrayOps.poolInputGradient(x, k, stride, kind, g);
        INDArray grad = kind == Pooling.MAX ? WindowPooling.maxInputGradient(x, y, g, k, stride)
                : WindowPooling.averageInputGradient(g, x.size(2), x.size(3), k, stride);
        assertArrayEquals(x.shape(), grad.shape());
        double err = expected.sub(grad).amaxNumber().doubleValue();
        assertTrue(err <= 1e-5, kind + " " + k + "/" + stride + " gradient differs by " + err);
        // the gradient is not all zero, so the comparison means something
        assertTrue(grad.amaxNumber().doubleValue() > 0.01);
    }

    @Test
    void maxAndAverageWithOddSizesAndOverlappingWindows() {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 5, 17, 14).subi(0.5);
        for (Pooling kind : Pooling.values()) {
            compare(x, 3, 2, kind);
            compare(x, 2, 2, kind);
            compare(x, 3, 1, kind);
        }
    }

    @Test
    void tiesGoToTheFirstInWindowOrderAsInLibnd4j() {
        Nd4j.getRandom().setSeed(12);
        // ReLU outputs: many zeros, so many windows tie at 0; values rounded to tenths tie too
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 11, 9).subi(0.5).muli(10);
        x = org.nd4j.linalg.ops.transforms.Transforms.relu(org.nd4j.linalg.ops.transforms.Transforms.round(x, true), false);
        compare(x, 3, 2, Pooling.MAX);
        compare(x, 2, 2, Pooling.MAX);
    }

    @Test
    void maxGradientTimesTheReluGradientIsWrittenOverTheInput() {
        Nd4j.getRandom().setSeed(15);
        for (int[] ks : new int[][] {{3, 2}, {2, 2}}) {
            // a ReLU's output: a third of it zero, whole windows of zeros included
            INDArray x = org.nd4j.linalg.ops.transforms.Transforms.relu(Nd4j.rand(DataType.FLOAT, 1, 4, 13, 12).subi(0.3), false);
            x.get(NDArrayIndex.all(), NDArrayIndex.point(1), NDArrayIndex.interval(0, 4), NDArrayIndex.all()).assign(0);
            INDArray y = ArrayOps.pool(x, ks[0], ks[1], Pooling.MAX);
            INDArray g = Nd4j.rand(DataType.FLOAT, y.shape()).subi(0.5);
            INDArray expected = ArrayOps.poolInputGradient(x, ks[0], ks[1], Pooling.MAX, g).muli(org.nd4j.linalg.ops.transforms.Transforms.step(x, true));
            INDArray grad = WindowPooling.maxInputGradientTimesReluGradientInto(x, y, g, ks[0], ks[1]);
            assertTrue(grad == x, "written over the input");
            double err = expected.sub(grad).amaxNumber().doubleValue();
            assertTrue(err <= 1e-5, ks[0] + "/" + ks[1] + " differs by " + err);
            assertTrue(grad.amaxNumber().doubleValue() > 0.01);
        }
    }

    @Test
    void viewsAreReadThroughACopy() {
        Nd4j.getRandom().setSeed(13);
        INDArray big = Nd4j.rand(DataType.FLOAT, 1, 6, 15, 15);
        INDArray view = big.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 4), NDArrayIndex.all(), NDArrayIndex.interval(2, 13));
        compare(view, 3, 2, Pooling.MAX);
    }

    @Test
    void thePoolStageKeepsItsTapeBalanced() {
        Nd4j.getRandom().setSeed(14);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 4, 9, 9);
        for (Pooling kind : Pooling.values()) {
            Pool pool = new Pool(3, 2, kind);
            Deque<INDArray> tape = new ArrayDeque<>();
            INDArray y = pool.forward(x, tape);
            INDArray g = pool.backward(y.like().assign(1), tape);
            assertTrue(tape.isEmpty(), kind + " left " + tape.size() + " arrays on the tape");
            assertEquals(ArrayOps.poolInputGradient(x, 3, 2, kind, y.like().assign(1)), g);
            assertEquals(DataType.FLOAT, g.dataType());
            // and double arrays still go through libnd4j
            INDArray xd = x.castTo(DataType.DOUBLE);
            INDArray yd = pool.forward(xd, tape);
            assertEquals(DataType.DOUBLE, pool.backward(yd.like().assign(1), tape).dataType());
            assertTrue(tape.isEmpty());
        }
    }
}
