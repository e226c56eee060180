package nst.bench;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;
import nst.core.Pooling;
import nst.core.optim.Lbfgs;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Micro-benchmarks of the direct path's Java loops and of the L-BFGS step, each against what it
 * replaced where that still exists: {@code Micro tv|pool|lbfgs [SIZE]}. Prints medians. The
 * package-private methods are reached by reflection, so that the product code stays closed.
 * {@code lbfgs-steps} prints the time of each of the first 12 steps (third of three runs);
 * {@code ops} the fixed cost of ND4J operations on 4x4 arrays, first cold, then compiled.
 * Run with the class path of scripts/benchmark.sh (target/bench-cp.txt).
 */
public final class Micro {
    private Micro() { }

    public static void main(String[] args) throws Exception {
        String what = args[0];
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        switch (what) {
            case "tv" -> tv(size);
            case "pool" -> pool();
            case "lbfgs" -> lbfgs(size);
            case "lbfgs-steps" -> lbfgsSteps(size);
            case "ops" -> ops();
            default -> throw new IllegalArgumentException("tv, pool, lbfgs, lbfgs-steps or ops, not " + what);
        }
    }

    interface Body {
        void run() throws Exception;
    }

    private static double medianMs(int reps, Body body) throws Exception {
        long[] t = new long[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            body.run();
            t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        return t[reps / 2] / 1e6;
    }

    private static Method method(String cls, String name, Class<?>... types) throws Exception {
        Method m = Class.forName(cls).getDeclaredMethod(name, types);
        m.setAccessible(true);
        return m;
    }

    private static void tv(int size) throws Exception {
        Method addTv = method("nst.core.loss.GatysLoss", "addTv", INDArray.class, INDArray.class, double.class);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, size, size).muli(255);
        INDArray g = Nd4j.rand(DataType.FLOAT, 1, 3, size, size);
        System.out.printf(Locale.ROOT, "RESULT micro tv %d px: %.2f ms%n", size, medianMs(100, () -> addTv.invoke(null, x, g, 1.0)));
    }

    private static void pool() throws Exception {
        Method ours = method("nst.net.WindowPooling", "maxInputGradient", INDArray.class, INDArray.class, INDArray.class, int.class, int.class);
        Method forward = method("nst.net.ArrayOps", "pool", INDArray.class, int.class, int.class, Pooling.class);
        Method libnd4j = method("nst.net.ArrayOps", "poolInputGradient", INDArray.class, int.class, int.class, Pooling.class, INDArray.class);
        for (int[] c : new int[][] {{64, 127, 3}, {128, 63, 3}, {256, 31, 3}, {64, 512, 2}}) {
            // post-ReLU activations: many zeros, as in the networks
            INDArray x = Transforms.relu(Nd4j.rand(DataType.FLOAT, 1, c[0], c[1], c[1]).subi(0.3), false);
            INDArray y = (INDArray) forward.invoke(null, x, c[2], 2, Pooling.MAX);
            INDArray g = Nd4j.rand(DataType.FLOAT, y.shape());
            int reps = c[1] > 256 ? 20 : 200;
            double a = medianMs(reps, () -> ((INDArray) libnd4j.invoke(null, x, c[2], 2, Pooling.MAX, g)).close());
            double b = medianMs(reps, () -> ((INDArray) ours.invoke(null, x, y, g, c[2], 2)).close());
            System.out.printf(Locale.ROOT, "RESULT micro max-pool backward %d x %d, %dx%d/2: libnd4j %.2f ms, Java %.2f ms%n", c[0], c[1], c[2], c[2], a, b);
        }
    }

    /** ND4J's cost per call where the arithmetic is nothing: medians of 20 calls (cold), then of 2000 (after those). */
    private static void ops() throws Exception {
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 4, 4, 4);
        INDArray y = Nd4j.rand(DataType.FLOAT, 1, 4, 4, 4);
        INDArray m = Nd4j.rand(DataType.FLOAT, 4, 4);
        INDArray k = Nd4j.rand(DataType.FLOAT, 3, 3, 4, 4);
        Conv2DConfig c = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).pH(1).pW(1).paddingMode(PaddingMode.VALID).dataFormat("NCHW").build();
        for (int reps : new int[] {20, 2000}) {
            System.out.printf(Locale.ROOT, "RESULT micro ops, %s: relu %.1f us, multiply %.1f us, step %.1f us, createUninitialized %.1f us, gemm %.1f us, conv2d %.1f us%n",
                    reps == 20 ? "first 20 calls" : "next 2000", 1000 * medianMs(reps, () -> Transforms.relu(x, false)), 1000 * medianMs(reps, () -> x.muli(y)),
                    1000 * medianMs(reps, () -> Transforms.step(y, true).close()), 1000 * medianMs(reps, () -> Nd4j.createUninitialized(DataType.FLOAT, 1, 4, 4, 4).close()),
                    1000 * medianMs(reps, () -> Nd4j.gemm(m, m, false, false).close()),
                    1000 * medianMs(reps, () -> Nd4j.exec(new Conv2D(x, k, null, c))[0].close()));
        }
    }

    /** The first 12 steps on a separable quadratic, each timed (the third of three runs, after two warm-up runs). */
    private static void lbfgsSteps(int size) {
        INDArray[] q = quadratic(size);
        long[] t = null;
        for (int run = 0; run < 3; run++) {
            t = stepTimes(q[0], q[1], 12);
        }
        StringBuilder line = new StringBuilder();
        for (long nanos : t) {
            line.append(String.format(Locale.ROOT, " %.1f", nanos / 1e6));
        }
        System.out.printf(Locale.ROOT, "RESULT micro lbfgs steps 1-12, %d px, ms:%s%n", size, line);
    }

    /** 130 steps on a separable quadratic; the median of the last 20, when all 100 pairs are stored. */
    private static void lbfgs(int size) {
        INDArray[] q = quadratic(size);
        long[] last = Arrays.copyOfRange(stepTimes(q[0], q[1], 130), 110, 130);
        Arrays.sort(last);
        System.out.printf(Locale.ROOT, "RESULT micro lbfgs step, 100 pairs, %d px: %.2f ms%n", size, last[10] / 1e6);
    }

    /** {diag, c} of f(x) = 0.5 sum diag (x - c)^2 over an image of size x size, from seed 1. */
    private static INDArray[] quadratic(int size) {
        Nd4j.getRandom().setSeed(1);
        INDArray diag = Nd4j.rand(DataType.FLOAT, 1, 3, size, size).addi(0.1);
        return new INDArray[] {diag, Nd4j.rand(DataType.FLOAT, 1, 3, size, size)};
    }

    /** The time of each of {@code steps} L-BFGS steps (100 pairs) from x = 0 on that quadratic. */
    private static long[] stepTimes(INDArray diag, INDArray c, int steps) {
        INDArray x = Nd4j.zeros(DataType.FLOAT, diag.shape());
        Lbfgs l = new Lbfgs(100, 1.0);
        long[] t = new long[steps];
        for (int i = 0; i < steps; i++) {
            INDArray g = x.sub(c).muli(diag);
            long t0 = System.nanoTime();
            INDArray next = l.step(x, g);
            t[i] = System.nanoTime() - t0;
            g.close();
            x.close();
            x = next;
        }
        return t;
    }
}
