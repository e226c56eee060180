package nst.core.optim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * L-BFGS without line search, the algorithm of torch.optim.LBFGS (lr 1, line_search_fn None),
 * which is also what neural-style uses: a first step of steepest descent; later steps use the
 * two-loop recursion over the last {@code history} (s, y) pairs with H0 = (y.s)/(y.y); a pair is
 * stored only when y.s > 1e-10. Three differences:
 * <ul>
 * <li>The first step moves each value by lr on average (t = lr n / |g|_1: one grey level for an
 * image), where torch's t = min(1, 1/|g|_1) moves a 200 000-value image by 1/200 000 of a grey
 * level on average: the curvature of so small a step is under the 1e-10 threshold, so the next
 * steps would repeat it.</li>
 * <li>Where torch stops when the direction is not a descent direction, this restarts from
 * steepest descent.</li>
 * <li>While no pair is stored (the first y.s was not positive, as on a strongly non-convex start),
 * torch takes a unit step along -g, which can throw the image far off (the tiling test's strong
 * style did), where this takes the first step again.</li>
 * </ul>
 *
 * <p>The two-loop recursion runs on dot products, not on vectors ("vector-free" L-BFGS, Chen,
 * Wang and Zhou, NIPS 2014): every vector it forms is a combination of the stored s and y and the
 * gradient, so it keeps their dot products, adds those of the new s, y and g, runs both loops on
 * the coefficients, and forms the direction from them. The stored pairs are read twice per step
 * instead of four times. The pairs live in blocks of rows allocated as the history grows, 2, 4,
 * then {@value #BLOCK} rows, so the first steps do not fault in a large block; a new pair
 * overwrites the oldest once it is full. A full block of {@value #BLOCK} rows is read by one
 * matrix product for the dot products and one for the direction; the others by BLAS dot and
 * axpy, which are faster than a matrix product with a few rows (BENCHMARKS.md, "In the engine").
 */
public final class Lbfgs implements ImageOptimizer {
    /** The most pairs it keeps: its dot products are dense history x history tables. */
    public static final int MAX_HISTORY = 1000;
    private static final double CURVATURE_EPS = 1e-10;
    private static final int BLOCK = 8;

    private final int history;
    private final double learningRate;
    private final List<INDArray> sBlocks = new ArrayList<>();
    private final List<INDArray> yBlocks = new ArrayList<>();
    /** The first slot of each block, and the history as the last entry. */
    private final int[] blockStart;
    /** Row views of the blocks, by slot (made once, as the blocks are allocated). */
    private final INDArray[] sRows;
    private final INDArray[] yRows;
    /** Slots in use, oldest first. */
    private final Deque<Integer> order = new ArrayDeque<>();
    private final double[] rho;
    /** ss[i][j] = s_i.s_j, sy[i][j] = s_i.y_j, yy[i][j] = y_i.y_j over slots; sg, yg: with the current gradient. */
    private final double[][] ss;
    private final double[][] sy;
    private final double[][] yy;
    private final double[] sg;
    private final double[] yg;
    /** Kept between steps: [s, y, g] as the rows of one array, s the last step taken, y = g - the previous g. */
    private INDArray fresh;
    private INDArray[] freshRows;
    private double hDiag = 1;
    /** Whether the next (s, y) pair spans a change of objective, and is not stored. */
    private boolean skipPair;

    public Lbfgs(int history, double learningRate) {
        if (history < 1 || history > MAX_HISTORY) {
            throw new IllegalArgumentException("history must be 1.." + MAX_HISTORY + ", was " + history);
        }
        this.history = history;
        this.learningRate = learningRate;
        List<Integer> starts = new ArrayList<>();
        for (int start = 0, b = 0; start < history; start += b < 2 ? 2 << b : BLOCK, b++) {
            starts.add(start);
        }
        starts.add(history);
        blockStart = starts.stream().mapToInt(Integer::intValue).toArray();
        sRows = new INDArray[history];
        yRows = new INDArray[history];
        rho = new double[history];
        ss = new double[history][history];
        sy = new double[history][history];
        yy = new double[history][history];
        sg = new double[history];
        yg = new double[history];
    }

    @Override
    public void objectiveChanged() {
        skipPair = true;
    }

    @Override
    public INDArray step(INDArray x, INDArray g) {
        INDArray flatG = g.reshape(g.length());
        INDArray d = null;
        double t = learningRate;
        if (fresh != null) {
            freshRows[1].assign(flatG).subi(freshRows[2]);
            freshRows[2].assign(flatG);
            double gg = update();
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
        } else {
            fresh = Nd4j.createUninitialized(g.dataType(), 3, g.length());
            freshRows = new INDArray[] {fresh.getRow(0), fresh.getRow(1), fresh.getRow(2)};
            freshRows[2].assign(flatG);
        }
        if (d == null) {
            d = g.neg();
            double norm1 = g.norm1Number().doubleValue();
            t = (norm1 > 0 && Double.isFinite(norm1) ? g.length() / norm1 : 1.0) * learningRate;
        }
        d.muli(t);
        freshRows[0].assign(d.reshape(d.length()));
        INDArray next = x.add(d);
        d.close();
        return next;
    }

    /**
     * Stores (s, y) when y.s is large enough (then in the oldest slot once the history is full),
     * and brings the dot products up to date with it and with g. Returns g.g.
     */
    private double update() {
        INDArray s = freshRows[0];
        INDArray y = freshRows[1];
        double ys = dot(y, s);
        int slot = -1;
        boolean store = ys > CURVATURE_EPS && !skipPair;
        skipPair = false;
        if (store) {
            slot = order.size() < history ? order.size() : order.removeFirst();
            allocate(slot);
            sRows[slot].assign(s);
            yRows[slot].assign(y);
            order.addLast(slot);
            rho[slot] = 1.0 / ys;
            hDiag = ys / dot(y, y);
        }
        // every stored s and y against the new s, y and g
        for (int b = 0, blocks = usedBlocks(); b < blocks; b++) {
            double[][] sd = dots(sBlocks.get(b), sRows, b);
            double[][] yd = dots(yBlocks.get(b), yRows, b);
            for (int r = 0; r < sd[0].length; r++) {
                int i = blockStart[b] + r;
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
        return dot(freshRows[2], freshRows[2]);
    }

    /** [3, rows used]: s, y and g against the used rows of block b, by one gemm when it is a full block of {@value #BLOCK}, else by dots. */
    private double[][] dots(INDArray block, INDArray[] rows, int b) {
        int used = usedRows(b);
        if (used == BLOCK) {
            // [3, rows]: this operand order ran twice as fast in OpenBLAS as the transposed one
            try (INDArray p = Nd4j.gemm(fresh, block, false, true)) {
                return p.toDoubleMatrix();
            }
        }
        double[][] out = new double[3][used];
        for (int r = 0; r < used; r++) {
            for (int k = 0; k < 3; k++) {
                out[k][r] = dot(freshRows[k], rows[blockStart[b] + r]);
            }
        }
        return out;
    }

    private static double dot(INDArray a, INDArray b) {
        return Nd4j.getBlasWrapper().dot(a, b);
    }

    /** Allocates the blocks up to the one that holds {@code slot}, with their row views. */
    private void allocate(int slot) {
        while (blockStart[sBlocks.size()] <= slot) {
            int first = blockStart[sBlocks.size()];
            int rows = blockStart[sBlocks.size() + 1] - first;
            INDArray s = Nd4j.createUninitialized(fresh.dataType(), rows, fresh.size(1));
            INDArray y = Nd4j.createUninitialized(fresh.dataType(), rows, fresh.size(1));
            sBlocks.add(s);
            yBlocks.add(y);
            for (int r = 0; r < rows; r++) {
                sRows[first + r] = s.getRow(r);
                yRows[first + r] = y.getRow(r);
            }
        }
    }

    /**
     * Until the history is full the pairs fill slots 0, 1, 2, ... (also after a restart), so only
     * the first {@code order.size()} rows hold pairs; the products read no other rows.
     */
    private int usedBlocks() {
        int b = 0;
        while (blockStart[b] < order.size()) {
            b++;
        }
        return b;
    }

    private int usedRows(int b) {
        return Math.min(blockStart[b + 1], order.size()) - blockStart[b];
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

    /**
     * sum a_s[i] s_i + sum a_y[i] y_i + a_g g, in one new array of g's shape: one product per full
     * block, one axpy per row of a partly filled one.
     */
    private INDArray combine(double[][] coef, INDArray g) {
        INDArray d = g.mul(coef[2][0]);
        INDArray flat = d.reshape(d.length());
        // last block first: the blocks that the dot products read last are still in the cache
        for (int b = usedBlocks() - 1; b >= 0; b--) {
            addRows(coef[1], b, yBlocks.get(b), yRows, flat);
            addRows(coef[0], b, sBlocks.get(b), sRows, flat);
        }
        return d;
    }

    /** flat += the used rows of block b, each times its coefficient c[slot]. */
    private void addRows(double[] c, int b, INDArray block, INDArray[] rows, INDArray flat) {
        int used = usedRows(b);
        int first = blockStart[b];
        if (used < BLOCK) {
            for (int r = 0; r < used; r++) {
                Nd4j.getBlasWrapper().axpy(c[first + r], rows[first + r], flat);
            }
            return;
        }
        double[] part = Arrays.copyOfRange(c, first, first + used);
        try (INDArray v = Nd4j.createFromArray(part).castTo(flat.dataType()).reshape(1, used)) {
            Nd4j.gemm(v, block, flat.reshape(1, flat.length()), false, false, 1.0, 1.0);
        }
    }
}
