package nst.model;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import nst.core.BadInputException;
import nst.core.FeatureNetwork;
import nst.core.StyleParams;

/**
 * Estimates the memory a run needs before it starts, and refuses one that would not fit, naming
 * the largest size that would. The estimate: 0.4 GB of fixed costs, working memory per activation
 * value (values, gradients and temporaries: 5 floats on the direct path, 14 through the SameDiff
 * graph, calibrated on the peak memory of VGG19 and SqueezeNet at 256 and 512 px in
 * BENCHMARKS.md), and the L-BFGS history.
 */
public final class MemoryCheck {
    static final double FIXED = 0.4e9;
    static final double BYTES_PER_ACTIVATION_DIRECT = 5 * 4;
    static final double BYTES_PER_ACTIVATION_GRAPH = 14 * 4;

    private MemoryCheck() { }

    /** Bytes a run at width x height is expected to need. */
    public static double estimate(FeatureNetwork net, int width, int height, StyleParams p) {
        double pixels = (double) width * height;
        double lbfgs = p.optimizer() == nst.core.Optimizer.LBFGS ? 2.0 * p.lbfgsHistory() * 3 * 4 * pixels : 2.0 * 3 * 4 * pixels;
        double perActivation = net.direct().isPresent() ? BYTES_PER_ACTIVATION_DIRECT : BYTES_PER_ACTIVATION_GRAPH;
        return FIXED + perActivation * net.activationsPerPixel() * pixels + lbfgs;
    }

    /** Throws a {@link BadInputException} when the estimate exceeds {@code available} bytes. */
    public static void require(FeatureNetwork net, int width, int height, StyleParams p, double available) {
        double need = estimate(net, width, height, p);
        if (need > available) {
            double perPixel = (need - FIXED) / ((double) width * height);
            double maxPixels = Math.max(0, (available - FIXED) / perPixel);
            int side = (int) Math.floor(Math.sqrt(maxPixels * Math.max(width, height) / Math.min(width, height)));
            throw new BadInputException(String.format(Locale.ROOT,
                    "A %dx%d run with %s needs about %.1f GB of memory but about %.1f GB are free; use size=%d or less%s.",
                    width, height, net.id(), need / 1e9, available / 1e9, Math.max(8, side),
                    p.optimizer() == nst.core.Optimizer.LBFGS ? ", or optimizer=adam (no L-BFGS history)" : ""));
        }
    }

    /** Free memory now: MemAvailable on Linux, else what the JVM reports free. */
    public static double available() {
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
