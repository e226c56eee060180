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
        double t = g.length() / g.norm1Number().doubleValue();
        assertTrue(x1.equalsWithEps(x0.sub(g.mul(t)), 1e-12));
        // each value moves by the learning rate on average (one grey level for an image)
        assertEquals(1.0, x1.sub(x0).norm1Number().doubleValue() / x1.length(), 1e-12);
        INDArray x1b = new Lbfgs(10, 0.5).step(x0, g);
        assertEquals(0.5, x1b.sub(x0).norm1Number().doubleValue() / x1b.length(), 1e-12);
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

    /** The textbook two-loop recursion over stored vectors, as torch.optim.LBFGS runs it (with the first-step rule of {@link Lbfgs}). */
    private static final class TextbookLbfgs {
        private final int history;
        private final java.util.ArrayDeque<INDArray[]> pairs = new java.util.ArrayDeque<>();
        private INDArray prevGrad;
        private INDArray prevStep;
        private double hDiag = 1;
        /** Whether the next pair is left out (it spans a change of objective). */
        boolean skipNext;

        TextbookLbfgs(int history) {
            this.history = history;
        }

        INDArray step(INDArray x, INDArray g) {
            INDArray d = null;
            double t = 1;
            if (prevGrad != null) {
                INDArray y = g.sub(prevGrad);
                double ys = y.mul(prevStep).sumNumber().doubleValue();
                if (ys > 1e-10 && !skipNext) {
                    if (pairs.size() == history) {
                        pairs.removeFirst();
                    }
                    pairs.addLast(new INDArray[] {prevStep, y});
                    hDiag = ys / y.mul(y).sumNumber().doubleValue();
                }
                INDArray q = g.neg();
                java.util.List<INDArray[]> list = new java.util.ArrayList<>(pairs);
                double[] alpha = new double[list.size()];
                for (int i = list.size() - 1; i >= 0; i--) {
                    double rho = 1 / list.get(i)[1].mul(list.get(i)[0]).sumNumber().doubleValue();
                    alpha[i] = list.get(i)[0].mul(q).sumNumber().doubleValue() * rho;
                    q.subi(list.get(i)[1].mul(alpha[i]));
                }
                skipNext = false;
                q.muli(hDiag);
                for (int i = 0; i < list.size(); i++) {
                    double rho = 1 / list.get(i)[1].mul(list.get(i)[0]).sumNumber().doubleValue();
                    double beta = list.get(i)[1].mul(q).sumNumber().doubleValue() * rho;
                    q.addi(list.get(i)[0].mul(alpha[i] - beta));
                }
                d = q;
                if (g.mul(d).sumNumber().doubleValue() > 0 || pairs.isEmpty()) {
                    pairs.clear();
                    hDiag = 1;
                    d = null;
                }
            }
            if (d == null) {
                d = g.neg();
                t = g.length() / g.norm1Number().doubleValue();
            }
            prevGrad = g.dup();
            prevStep = d.mul(t);
            return x.add(prevStep);
        }
    }

    @Test
    void sameStepsAsTheTextbookTwoLoopRecursionOverSeveralBlocksAndAFullHistory() {
        Nd4j.getRandom().setSeed(21);
        int n = 60;
        INDArray m = Nd4j.rand(DataType.DOUBLE, n, n).subi(0.5);
        INDArray spd = m.mmul(m.transpose()).addi(Nd4j.eye(n).castTo(DataType.DOUBLE).muli(0.05));
        INDArray b = Nd4j.rand(DataType.DOUBLE, n, 1);
        // a quadratic plus a small quartic term, so y.s varies; history 20 spans two blocks and wraps round
        java.util.function.UnaryOperator<INDArray> grad = x -> {
            INDArray col = x.reshape(n, 1);
            return spd.mmul(col).subi(b).addi(col.mul(col).muli(col).muli(0.01)).reshape(1, n);
        };
        INDArray xa = Nd4j.zeros(DataType.DOUBLE, 1, n);
        INDArray xb = xa.dup();
        Lbfgs fast = new Lbfgs(20, 1.0);
        TextbookLbfgs slow = new TextbookLbfgs(20);
        for (int i = 0; i < 45; i++) {
            xa = fast.step(xa, grad.apply(xa));
            xb = slow.step(xb, grad.apply(xb));
            double scale = Math.max(1e-3, xb.amaxNumber().doubleValue());
            assertEquals(0, xa.sub(xb).amaxNumber().doubleValue() / scale, 1e-7, "step " + i);
        }
        // and it gets somewhere: the gradient shrank by orders of magnitude
        assertTrue(grad.apply(xa).norm2Number().doubleValue() < 1e-3 * grad.apply(Nd4j.zeros(DataType.DOUBLE, 1, n)).norm2Number().doubleValue());
    }

    @Test
    void thePairSpanningAChangeOfObjectiveIsNotLearnt() {
        // after 4 steps the gradient is computed "another way": offset by a constant, as float32's
        // gradient differs from bfloat16's; the pair from the last old gradient to the first new one
        // would take that offset for curvature
        INDArray offset = Nd4j.createFromArray(3.0, -5.0, 2.0, 8.0, -4.0).reshape(1, 5);
        java.util.function.UnaryOperator<INDArray> other = x -> grad(x).addi(offset);
        Lbfgs skipping = new Lbfgs(10, 1.0);
        Lbfgs carrying = new Lbfgs(10, 1.0);
        TextbookLbfgs textbook = new TextbookLbfgs(10);
        INDArray xs = Nd4j.zeros(DataType.DOUBLE, 1, 5);
        INDArray xc = xs.dup();
        INDArray xt = xs.dup();
        for (int i = 0; i < 4; i++) {
            xs = skipping.step(xs, grad(xs));
            xc = carrying.step(xc, grad(xc));
            xt = textbook.step(xt, grad(xt));
        }
        skipping.objectiveChanged();
        textbook.skipNext = true;
        double apart = 0;
        for (int i = 0; i < 4; i++) {
            xs = skipping.step(xs, other.apply(xs));
            xc = carrying.step(xc, other.apply(xc));
            xt = textbook.step(xt, other.apply(xt));
            assertEquals(0, xs.sub(xt).amaxNumber().doubleValue(), 1e-9, "step " + i + " after the change");
            apart = Math.max(apart, xs.sub(xc).amaxNumber().doubleValue());
        }
        assertTrue(apart > 1e-3, "the spanning pair would have changed the steps: " + apart);
    }

    @Test
    void theLongestHistoryIsAccepted() {
        // 1000 pairs: blocks of 2, 4 and then 8 rows up to the end (no overflow in the layout)
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 1, 5);
        Lbfgs opt = new Lbfgs(Lbfgs.MAX_HISTORY, 1.0);
        for (int i = 0; i < 30; i++) {
            x = opt.step(x, grad(x));
        }
        assertEquals(0, x.sub(C).amaxNumber().doubleValue(), 1e-6);
    }

    @Test
    void withNoCurvaturePairTheScaledFirstStepIsTakenAgain() {
        // concave: y.s < 0, so the first pair is not stored
        java.util.function.UnaryOperator<INDArray> grad = x -> x.neg().addi(C);
        INDArray x0 = Nd4j.zeros(DataType.DOUBLE, 1, 5);
        Lbfgs opt = new Lbfgs(10, 1.0);
        INDArray x1 = opt.step(x0, grad.apply(x0));
        INDArray g1 = grad.apply(x1);
        INDArray x2 = opt.step(x1, g1);
        double t = g1.length() / g1.norm1Number().doubleValue();
        assertTrue(x2.equalsWithEps(x1.sub(g1.mul(t)), 1e-12), x2 + " vs " + x1.sub(g1.mul(t)));
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
