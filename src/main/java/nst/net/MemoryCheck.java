package nst.net;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import nst.core.BadInputException;
import nst.core.FeatureNetwork;
import nst.core.StyleParams;
import nst.core.TooLargeException;

/**
 * Estimates the memory a run needs before it starts, and refuses one that would not fit, naming
 * the largest size that would. The estimate: 0.4 GB of fixed costs, working memory per activation
 * value (values, gradients and temporaries: 5 floats on ND4J arrays with the hand-written input gradient, 14 through a SameDiff
 * graph, calibrated on the peak memory of VGG19 and SqueezeNet at 256 and 512 px in
 * BENCHMARKS.md), and the L-BFGS history; or, when it is larger, the forward pass over the style
 * image at its real size ({@value #BYTES_PER_STYLE_ACTIVATION} bytes per activation value), which
 * runs before the optimisation.
 */
public final class MemoryCheck {
    static final double FIXED = 0.4e9;
    static final double BYTES_PER_ACTIVATION_ARRAYS = 5 * 4;
    static final double BYTES_PER_ACTIVATION_GRAPH = 14 * 4;
    static final int BYTES_PER_STYLE_ACTIVATION = 2 * 4;

    private MemoryCheck() { }

    /** Bytes a run at width x height is expected to need (with tiling, what one tile needs), style images not counted. */
    public static double estimate(FeatureNetwork net, int width, int height, StyleParams p) {
        return estimate(net, width, height, 0, p);
    }

    /**
     * Bytes a run at width x height is expected to need, with {@code stylePixels} the pixels of
     * the largest style image at the size it is used (with tiling, what one tile needs).
     */
    public static double estimate(FeatureNetwork net, int width, int height, long stylePixels, StyleParams p) {
        double pixels = workingPixels(width, height, p);
        double lbfgs = p.optimizer() == nst.core.Optimizer.LBFGS ? 2.0 * p.lbfgsHistory() * 3 * 4 * pixels : 2.0 * 3 * 4 * pixels;
        double perActivation = net.inputGradients().isPresent() ? BYTES_PER_ACTIVATION_ARRAYS : BYTES_PER_ACTIVATION_GRAPH;
        double style = p.tile() > 0 ? Math.min(stylePixels, (double) p.tile() * p.tile()) : stylePixels;
        return FIXED + Math.max(perActivation * net.activationsPerPixel() * pixels + lbfgs,
                BYTES_PER_STYLE_ACTIVATION * net.activationsPerPixel() * style);
    }

    /** The pixels optimised at once: the whole image, or with tiling one tile. */
    private static double workingPixels(int width, int height, StyleParams p) {
        return p.tile() > 0 ? (double) Math.min(width, p.tile()) * Math.min(height, p.tile()) : (double) width * height;
    }

    /** The fewest L-BFGS correction pairs {@link #fit} goes down to before refusing a run. */
    public static final int MIN_LBFGS_HISTORY = 10;

    /**
     * The parameters to run with: {@code p} when the run fits in {@code available} bytes; else,
     * with L-BFGS, as many correction pairs as fit (at least {@value #MIN_LBFGS_HISTORY}; each pair
     * holds two image-sized arrays, 1.26 GB for 50 pairs at 1024 x 1024), said through
     * {@code note}; else a {@link TooLargeException} from {@link #require}.
     */
    public static StyleParams fit(FeatureNetwork net, int width, int height, StyleParams p, double available,
                                  java.util.function.Consumer<String> note) {
        return fit(net, width, height, 0, p, available, note);
    }

    /** {@link #fit} with the pixels of the largest style image at the size it is used. */
    public static StyleParams fit(FeatureNetwork net, int width, int height, long stylePixels, StyleParams p, double available,
                                  java.util.function.Consumer<String> note) {
        double need = estimate(net, width, height, stylePixels, p);
        if (need <= available || p.optimizer() != nst.core.Optimizer.LBFGS) {
            require(net, width, height, stylePixels, p, available);
            return p;
        }
        double pixels = workingPixels(width, height, p);
        double perPair = 2.0 * 3 * 4 * pixels;
        int pairs = (int) Math.min(p.lbfgsHistory(), Math.floor((available - (need - p.lbfgsHistory() * perPair)) / perPair));
        if (pairs < MIN_LBFGS_HISTORY || estimate(net, width, height, stylePixels, p.toBuilder().lbfgsHistory(Math.max(1, pairs)).build()) > available) {
            require(net, width, height, stylePixels, p, available);
        }
        note.accept(String.format(Locale.ROOT, "L-BFGS keeps %d instead of %d correction pairs so that the run fits in the %.1f GB free.",
                pairs, p.lbfgsHistory(), available / 1e9));
        return p.toBuilder().lbfgsHistory(pairs).build();
    }

    /**
     * Throws a {@link TooLargeException} when the estimate exceeds {@code available} bytes,
     * naming the largest size (and the largest tile) that would fit.
     */
    public static void require(FeatureNetwork net, int width, int height, StyleParams p, double available) {
        require(net, width, height, 0, p, available);
    }

    /** {@link #require} with the pixels of the largest style image at the size it is used. */
    public static void require(FeatureNetwork net, int width, int height, long stylePixels, StyleParams p, double available) {
        double need = estimate(net, width, height, stylePixels, p);
        if (need > available) {
            if (available <= FIXED) {
                throw new TooLargeException(String.format(Locale.ROOT,
                        "The fixed part of any run (model weights and native libraries, about %.1f GB) does not fit in the %.1f GB of memory"
                                + " that are free; close other programs or raise -Dnst.memoryLimit.", FIXED / 1e9, available / 1e9), 0);
            }
            // everything but the fixed part grows with the number of pixels, so with the square of the size
            double shrink = Math.sqrt((available - FIXED) / (need - FIXED));
            int side = Math.max(8, (int) Math.floor(Math.max(width, height) * shrink));
            double pixels = workingPixels(width, height, p);
            double perPixel = (estimate(net, width, height, p) - FIXED) / pixels;
            int tile = (int) Math.floor(Math.sqrt(Math.max(0, (available - FIXED) / perPixel)));
            String tiling = tile >= StyleParams.MIN_TILE && tile < Math.max(width, height)
                    ? ", or keep the size with tile=" + tile + " or less" : "";
            throw new TooLargeException(String.format(Locale.ROOT,
                    "A %dx%d run%s with %s needs about %.1f GB of memory but about %.1f GB are free; use size=%d or less%s%s.",
                    width, height, p.tile() > 0 ? " in tiles of " + p.tile() : "", net.id(), need / 1e9, available / 1e9, side, tiling,
                    p.optimizer() == nst.core.Optimizer.LBFGS ? ", or optimizer=adam (no L-BFGS history)" : ""), side);
        }
    }

    /**
     * Free memory now (MemAvailable on Linux, else what the JVM reports free), at most
     * {@code -Dnst.memoryLimit} (bytes, or with a k, m or g suffix) when that is set: a cap for
     * shared machines.
     */
    public static double available() {
        double free = freeMemory();
        String limit = System.getProperty("nst.memoryLimit");
        return limit == null || limit.isBlank() ? free : Math.min(free, parseBytes(limit));
    }

    static double parseBytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        double unit = t.endsWith("g") ? 1e9 : t.endsWith("m") ? 1e6 : t.endsWith("k") ? 1e3 : 1;
        try {
            return Double.parseDouble(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
        } catch (NumberFormatException e) {
            throw new BadInputException("nst.memoryLimit must be a number of bytes, optionally with k, m or g (e.g. 4g), was '" + text + "'.");
        }
    }

    private static double freeMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getFreeMemorySize();
        }
        return Double.MAX_VALUE;
    }
}
