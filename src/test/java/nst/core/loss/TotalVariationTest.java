package nst.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The direct path's total variation loop against the same sums written as ND4J operations on shifted views. */
class TotalVariationTest {

    /** sum of squared differences to the right and below, and its gradient, by ND4J ops. */
    private static double viaViews(INDArray x, INDArray grad, double weight) {
        long h = x.size(2);
        long w = x.size(3);
        double coef = weight / (3.0 * h * w);
        INDArray dx = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, w))
                .sub(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, w - 1)));
        INDArray dy = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, h), NDArrayIndex.all())
                .sub(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, h - 1), NDArrayIndex.all()));
        grad.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, w)).addi(dx.mul(2 * coef));
        grad.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, w - 1)).subi(dx.mul(2 * coef));
        grad.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, h), NDArrayIndex.all()).addi(dy.mul(2 * coef));
        grad.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, h - 1), NDArrayIndex.all()).subi(dy.mul(2 * coef));
        return coef * (dx.mul(dx).sumNumber().doubleValue() + dy.mul(dy).sumNumber().doubleValue());
    }

    private static void check(INDArray x, INDArray grad) {
        INDArray expected = grad.dup();
        double loss = viaViews(x, expected, 0.7);
        double got = GatysLoss.addTv(x, grad, 0.7);
        assertEquals(loss, got, 1e-5 * loss);
        double err = grad.sub(expected).amaxNumber().doubleValue() / expected.amaxNumber().doubleValue();
        assertTrue(err < 1e-5, "gradient relative error " + err);
    }

    @Test
    void lossAndGradientAddedToWhatIsThere() {
        Nd4j.getRandom().setSeed(7);
        check(Nd4j.rand(DataType.FLOAT, 1, 3, 13, 17).muli(255), Nd4j.rand(DataType.FLOAT, 1, 3, 13, 17));
    }

    @Test
    void viewsAndOtherTypesAreCopiedInAndWrittenBack() {
        Nd4j.getRandom().setSeed(8);
        INDArray big = Nd4j.rand(DataType.FLOAT, 1, 3, 15, 20).muli(255);
        INDArray window = big.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, 12), NDArrayIndex.interval(2, 19));
        INDArray gradBig = Nd4j.rand(DataType.FLOAT, 1, 3, 15, 20);
        INDArray gradWindow = gradBig.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, 12), NDArrayIndex.interval(2, 19));
        INDArray untouched = gradBig.dup();
        check(window, gradWindow);
        // outside the window, the gradient's backing array is unchanged
        gradBig.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, 12), NDArrayIndex.interval(2, 19)).assign(0);
        untouched.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, 12), NDArrayIndex.interval(2, 19)).assign(0);
        assertEquals(untouched, gradBig);
        check(Nd4j.rand(DataType.DOUBLE, 1, 3, 6, 5), Nd4j.rand(DataType.DOUBLE, 1, 3, 6, 5));
    }
}
