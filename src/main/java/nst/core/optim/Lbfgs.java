package nst.core.optim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * L-BFGS without line search, step for step the algorithm of torch.optim.LBFGS (lr 1,
 * line_search_fn None), which is also what neural-style uses: the first step is steepest descent
 * scaled to min(1, 1/|g|_1); later steps use the two-loop recursion over the last
 * {@code history} (s, y) pairs with H0 = (y.s)/(y.y); a pair is stored only when y.s > 1e-10.
 * One difference: where torch stops when the direction is not a descent direction, this
 * restarts from steepest descent. Arrays it no longer needs are closed at once, so native memory
 * does not wait for the garbage collector.
 */
public final class Lbfgs implements ImageOptimizer {
    private static final double CURVATURE_EPS = 1e-10;

    private final int history;
    private final double learningRate;
    private final Deque<Pair> pairs = new ArrayDeque<>();
    private INDArray prevGrad;
    private INDArray prevStep; // t * d of the previous iteration
    private double hDiag = 1;

    public Lbfgs(int history, double learningRate) {
        this.history = history;
        this.learningRate = learningRate;
    }

    @Override
    public INDArray step(INDArray x, INDArray g) {
        INDArray d = null;
        double t = learningRate;
        if (prevGrad != null) {
            remember(prevStep, g.sub(prevGrad));
            prevGrad.close();
            d = direction(g);
            if (dot(g, d) > 0) {
                clearHistory();
                d.close();
                d = null;
            }
        }
        if (d == null) {
            d = g.neg();
            t = Math.min(1.0, 1.0 / g.norm1Number().doubleValue()) * learningRate;
        }
        prevGrad = g.dup();
        prevStep = d.muli(t);
        return x.add(prevStep);
    }

    private void remember(INDArray s, INDArray y) {
        double ys = dot(y, s);
        if (ys > CURVATURE_EPS) {
            if (pairs.size() == history) {
                pairs.removeFirst().close();
            }
            pairs.addLast(new Pair(s, y, 1.0 / ys));
            hDiag = ys / dot(y, y);
        } else {
            s.close();
            y.close();
        }
    }

    private void clearHistory() {
        pairs.forEach(Pair::close);
        pairs.clear();
        hDiag = 1;
    }

    /** Two-loop recursion: -H g, in one new array. */
    private INDArray direction(INDArray g) {
        INDArray q = g.neg();
        double[] alpha = new double[pairs.size()];
        int i = pairs.size() - 1;
        for (Iterator<Pair> it = pairs.descendingIterator(); it.hasNext(); i--) {
            Pair p = it.next();
            alpha[i] = dot(p.s(), q) * p.rho();
            axpy(-alpha[i], p.y(), q);
        }
        INDArray r = q.muli(hDiag);
        i = 0;
        for (Pair p : pairs) {
            double beta = dot(p.y(), r) * p.rho();
            axpy(alpha[i] - beta, p.s(), r);
            i++;
        }
        return r;
    }

    private static double dot(INDArray a, INDArray b) {
        return Nd4j.getBlasWrapper().dot(a.reshape(a.length()), b.reshape(b.length()));
    }

    /** y += a * x, in place, without a temporary. */
    private static void axpy(double a, INDArray x, INDArray y) {
        Nd4j.getBlasWrapper().level1().axpy(x.length(), a, x.reshape(x.length()), y.reshape(y.length()));
    }

    /** One correction pair: step s, gradient change y, rho = 1/(y.s). */
    private record Pair(INDArray s, INDArray y, double rho) {
        void close() {
            s.close();
            y.close();
        }
    }
}
