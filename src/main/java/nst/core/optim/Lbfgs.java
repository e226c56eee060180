package nst.core.optim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * L-BFGS without line search, step for step the algorithm of torch.optim.LBFGS (lr 1,
 * line_search_fn None), which is also what neural-style uses: the first step is steepest descent
 * scaled to min(1, 1/|g|_1); later steps use the two-loop recursion over the last
 * {@code history} (s, y) pairs with H0 = (y.s)/(y.y); a pair is stored only when y.s > 1e-10.
 * Two differences: where torch stops when the direction is not a descent direction, this
 * restarts from steepest descent; and while no pair is stored (the first y.s was not positive,
 * as on a strongly non-convex start), torch takes a unit step along -g, which can throw the image
 * far off (the tiling test's strong style did), where this takes the scaled first step again.
 *
 * <p>The two-loop recursion runs on dot products, not on vectors ("vector-free" L-BFGS, Chen,
 * Wang and Zhou, NIPS 2014): every vector it forms is a combination of the stored s and y and the
 * gradient, so it keeps their dot products, adds those of the new s, y and g with one matrix
 * product per block of stored pairs, runs both loops on the coefficients, and forms the direction
 * with one more product per block. The stored pairs are read twice per step instead of four
 * times, in a few dozen BLAS calls instead of four per pair (at 256 px with 100 pairs the textbook
 * loop was a fifth of a SqueezeNet iteration). The pairs live in blocks of rows, allocated as the
 * history grows; a new pair overwrites the oldest once it is full.
 */
public final class Lbfgs implements ImageOptimizer {
    /** The most pairs it keeps: its dot products are dense history x history tables. */
    public static final int MAX_HISTORY = 1000;
    private static final double CURVATURE_EPS = 1e-10;
    private static final int BLOCK = 16;

    private final int history;
    private final double learningRate;
    private final List<INDArray> sBlocks = new ArrayList<>();
    private final List<INDArray> yBlocks = new ArrayList<>();
    /** Slots in use, oldest first. */
    private final Deque<Integer> order = new ArrayDeque<>();
    private final double[] rho;
    /** ss[i][j] = s_i.s_j, sy[i][j] = s_i.y_j, yy[i][j] = y_i.y_j over slots; sg, yg: with the current gradient. */
    private final double[][] ss;
    private final double[][] sy;
    private final double[][] yy;
    private final double[] sg;
    private final double[] yg;
    private INDArray prevGrad;
    private INDArray prevStep; // t * d of the previous iteration
    private double hDiag = 1;

    public Lbfgs(int history, double learningRate) {
        if (history < 1 || history > MAX_HISTORY) {
            throw new IllegalArgumentException("history must be 1.." + MAX_HISTORY + ", was " + history);
        }
        this.history = history;
        this.learningRate = learningRate;
        rho = new double[history];
        ss = new double[history][history];
        sy = new double[history][history];
        yy = new double[history][history];
        sg = new double[history];
        yg = new double[history];
    }

    @Override
    public INDArray step(INDArray x, INDArray g) {
        INDArray d = null;
        double t = learningRate;
        if (prevGrad != null) {
            INDArray y = g.sub(prevGrad);
            prevGrad.close();
            double gg = update(prevStep, y, g);
            prevStep.close();
            y.close();
            double[][] coef = twoLoop();
            double gd = coef[2][0] * gg;
            for (int i : order) {
                gd += coef[0][i] * sg[i] + coef[1][i] * yg[i];
            }
            if (gd > 0 || !Double.isFinite(gd) || order.isEmpty()) {
                // not a descent direction, an overflow, or no curvature pair yet: start again
                order.clear();
                hDiag = 1;
            } else {
                d = combine(coef, g);
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

    /**
     * Stores (s, y) when y.s is large enough (then in the oldest slot once the history is full),
     * and brings the dot products up to date with it and with g. Returns g.g.
     */
    private double update(INDArray s, INDArray y, INDArray g) {
        long n = g.length();
        INDArray fresh = Nd4j.createUninitialized(g.dataType(), 3, n);
        fresh.getRow(0).assign(s.reshape(n));
        fresh.getRow(1).assign(y.reshape(n));
        fresh.getRow(2).assign(g.reshape(n));
        INDArray self = Nd4j.gemm(fresh, fresh, false, true);
        double ys = self.getDouble(0, 1);
        int slot = -1;
        if (ys > CURVATURE_EPS) {
            slot = order.size() < history ? order.size() : order.removeFirst();
            row(sBlocks, slot, n, g).assign(fresh.getRow(0));
            row(yBlocks, slot, n, g).assign(fresh.getRow(1));
            order.addLast(slot);
            rho[slot] = 1.0 / ys;
            hDiag = ys / self.getDouble(1, 1);
        }
        // every stored s and y against the new s, y and g: one product per block
        for (int b = 0; b < usedBlocks(); b++) {
            // [3, rows]: this operand order ran twice as fast in OpenBLAS as the transposed one
            try (INDArray sdot = Nd4j.gemm(fresh, usedRows(sBlocks, b), false, true);
                 INDArray ydot = Nd4j.gemm(fresh, usedRows(yBlocks, b), false, true)) {
                double[][] sd = sdot.toDoubleMatrix();
                double[][] yd = ydot.toDoubleMatrix();
                for (int r = 0; r < sd[0].length; r++) {
                    int i = b * BLOCK + r;
                    if (slot >= 0) {
                        ss[i][slot] = ss[slot][i] = sd[0][r];
                        sy[i][slot] = sd[1][r];
                        sy[slot][i] = yd[0][r];
                        yy[i][slot] = yy[slot][i] = yd[1][r];
                    }
                    sg[i] = sd[2][r];
                    yg[i] = yd[2][r];
                }
            }
        }
        double gg = self.getDouble(2, 2);
        self.close();
        fresh.close();
        return gg;
    }

    /** Row {@code slot} of the blocks, allocating the block on first use. */
    private INDArray row(List<INDArray> blocks, int slot, long n, INDArray like) {
        int b = slot / BLOCK;
        while (blocks.size() <= b) {
            int rows = Math.min(BLOCK, history - blocks.size() * BLOCK);
            blocks.add(Nd4j.createUninitialized(like.dataType(), rows, n));
        }
        return blocks.get(b).getRow(slot % BLOCK);
    }

    /**
     * Until the history is full the pairs fill slots 0, 1, 2, ... (also after a restart), so only
     * the first {@code order.size()} rows hold pairs; the products read no other rows.
     */
    private int usedBlocks() {
        return (order.size() + BLOCK - 1) / BLOCK;
    }

    private INDArray usedRows(List<INDArray> blocks, int b) {
        INDArray block = blocks.get(b);
        long rows = Math.min(block.rows(), order.size() - (long) b * BLOCK);
        return rows == block.rows() ? block : block.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all());
    }

    /**
     * The two-loop recursion for -H g on coefficients: returns {a_s per slot, a_y per slot, {a_g}}
     * with -H g = sum a_s[i] s_i + sum a_y[i] y_i + a_g g.
     */
    private double[][] twoLoop() {
        double[] as = new double[history];
        double[] ay = new double[history];
        double[] ag = {-1};
        double[] alpha = new double[history];
        for (Iterator<Integer> it = order.descendingIterator(); it.hasNext();) {
            int i = it.next();
            double sq = ag[0] * sg[i];
            for (int k : order) {
                sq += as[k] * ss[i][k] + ay[k] * sy[i][k];
            }
            alpha[i] = sq * rho[i];
            ay[i] -= alpha[i];
        }
        for (int k : order) {
            as[k] *= hDiag;
            ay[k] *= hDiag;
        }
        ag[0] *= hDiag;
        for (int i : order) {
            double yr = ag[0] * yg[i];
            for (int k : order) {
                yr += as[k] * sy[k][i] + ay[k] * yy[i][k];
            }
            as[i] += alpha[i] - yr * rho[i];
        }
        return new double[][] {as, ay, ag};
    }

    /** sum a_s[i] s_i + sum a_y[i] y_i + a_g g, in one new array of g's shape: one product per block. */
    private INDArray combine(double[][] coef, INDArray g) {
        long n = g.length();
        INDArray d = g.mul(coef[2][0]);
        INDArray flat = d.reshape(1, n);
        // last block first: the blocks that the dot products read last are still in the cache
        for (int b = usedBlocks() - 1; b >= 0; b--) {
            INDArray sRows = usedRows(sBlocks, b);
            int rows = (int) sRows.rows();
            double[] cs = Arrays.copyOfRange(coef[0], b * BLOCK, b * BLOCK + rows);
            double[] cy = Arrays.copyOfRange(coef[1], b * BLOCK, b * BLOCK + rows);
            try (INDArray vs = Nd4j.createFromArray(cs).castTo(g.dataType()).reshape(1, rows);
                 INDArray vy = Nd4j.createFromArray(cy).castTo(g.dataType()).reshape(1, rows)) {
                Nd4j.gemm(vy, usedRows(yBlocks, b), flat, false, false, 1.0, 1.0);
                Nd4j.gemm(vs, sRows, flat, false, false, 1.0, 1.0);
            }
        }
        return d;
    }
}
