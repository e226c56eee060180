package nst.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The optimizers on f(x) = 0.5 sum a_i (x_i - c_i)^2, whose minimum is c. */
class LbfgsTest {
    private static final INDArray A = Nd4j.createFromArray(1.0, 3.0, 10.0, 30.0, 100.0).reshape(1, 5);
    private static final INDArray C = Nd4j.createFromArray(1.0, -2.0, 0.5, 4.0, -1.0).reshape(1, 5);

    private static INDArray grad(INDArray x) {
        return x.sub(C).muli(A);
    }

    @Test
    void firstStepIsScaledSteepestDescent() {
        INDArray x0 = Nd4j.zeros(DataType.DOUBLE, 1, 5);
        INDArray g = grad(x0);
        INDArray x1 = new Lbfgs(10, 1.0).step(x0, g);
        double t = Math.min(1, 1 / g.norm1Number().doubleValue());
        assertTrue(x1.equalsWithEps(x0.sub(g.mul(t)), 1e-12));
        assertEquals(0, x0.sumNumber().doubleValue(), "input not modified");
    }

    @Test
    void lbfgsConvergesOnIllConditionedQuadratic() {
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 1, 5);
        Lbfgs opt = new Lbfgs(10, 1.0);
        for (int i = 0; i < 40; i++) {
            x = opt.step(x, grad(x));
        }
        assertEquals(0, x.sub(C).amaxNumber().doubleValue(), 1e-6);
    }

    @Test
    void lbfgsBeatsAdamAtEqualIterations() {
        INDArray xl = Nd4j.zeros(DataType.DOUBLE, 1, 5);
        INDArray xa = xl.dup();
        Lbfgs l = new Lbfgs(10, 1.0);
        Adam a = new Adam(0.1);
        for (int i = 0; i < 20; i++) {
            xl = l.step(xl, grad(xl));
            xa = a.step(xa, grad(xa));
        }
        double el = xl.sub(C).norm2Number().doubleValue();
        double ea = xa.sub(C).norm2Number().doubleValue();
        assertTrue(el < ea, "lbfgs " + el + " adam " + ea);
    }

    @Test
    void adamFirstStepHasLearningRateSize() {
        // the bias-corrected first Adam step is lr * sign(g) per element
        INDArray x0 = Nd4j.zeros(DataType.DOUBLE, 1, 5);
        INDArray x1 = new Adam(0.5).step(x0, grad(x0));
        INDArray expected = Nd4j.createFromArray(0.5, -0.5, 0.5, 0.5, -0.5).reshape(1, 5);
        assertTrue(x1.equalsWithEps(expected, 1e-6), x1.toString());
    }
}
