package nst.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import nst.core.CancellationToken;
import nst.core.FeatureNetwork;
import nst.core.Progress;
import nst.core.ProgressListener;
import nst.core.StyleParams;
import nst.core.run.StyleTransferEngine;
import nst.core.StyleTransferRequest;
import nst.net.SqueezeNet;
import nst.testutil.TestImages;

/**
 * Native-memory soak: {@code Soak RUNS ITERS SIZE} runs SqueezeNet RUNS times in one JVM and then
 * one long run of ITERS iterations, printing the resident memory (VmRSS) after each run and every
 * 50 iterations, each read after a garbage collection so that the Java heap's growth and shrinking
 * do not hide or fake a trend. Flat numbers mean nothing leaks. The SOAK line gives two growth
 * ratios of the resident memory: the median over the second half of the runs against the median
 * over the first half (the first run left out: it loads classes and fills caches), and the median
 * over the last third of the long run's readings against the median over its middle third (with
 * the default 2 scales and 500 iterations the 50-pair L-BFGS history is full from iteration 175,
 * within the first third).
 */
public final class Soak {
    private Soak() { }

    public static void main(String[] args) throws IOException {
        int runs = Integer.parseInt(args[0]);
        int iters = Integer.parseInt(args[1]);
        int size = Integer.parseInt(args[2]);
        FeatureNetwork net = SqueezeNet.load(nst.testutil.Fixtures.squeezeNetH5());
        StyleParams p = StyleParams.defaults(net.defaults()).withIterations(10);
        var content = TestImages.pattern(size, size, 1);
        var style = TestImages.pattern(size, size, 2);
        List<Long> rssRuns = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            new StyleTransferEngine(net, nst.net.NativeMemory::reclaim).run(new StyleTransferRequest(content, style, p), ProgressListener.NONE, CancellationToken.NEVER);
            rssRuns.add(rssAfterGcMb());
        }
        System.out.println("RESULT soak runs=" + runs + " size=" + size + " rss_mb_after_each_run=" + join(rssRuns));
        List<Long> rssIters = new ArrayList<>();
        ProgressListener l = new ProgressListener() {
            @Override
            public void onIteration(Progress pr) {
                if (pr.iteration() % 50 == 0) {
                    try {
                        rssIters.add(rssAfterGcMb());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
        new StyleTransferEngine(net, nst.net.NativeMemory::reclaim).run(new StyleTransferRequest(content, style, p.withIterations(iters)), l, CancellationToken.NEVER);
        System.out.printf(Locale.ROOT, "RESULT soak iterations=%d size=%d rss_mb_every_50=%s%n", iters, size, join(rssIters));
        List<Long> later = rssRuns.subList(1, rssRuns.size());
        int third = rssIters.size() / 3;
        System.out.printf(Locale.ROOT, "SOAK runs_growth=%.3f iterations_growth=%.3f%n",
                growth(later.subList(0, later.size() / 2), later.subList(later.size() / 2, later.size())),
                growth(rssIters.subList(third, 2 * third), rssIters.subList(2 * third, rssIters.size())));
    }

    /** median(after) / median(before); NaN when either is empty. */
    static double growth(List<Long> before, List<Long> after) {
        return before.isEmpty() || after.isEmpty() ? Double.NaN : Benchmark.median(after) / Benchmark.median(before);
    }

    private static String join(List<Long> v) {
        return v.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static long rssAfterGcMb() throws IOException {
        System.gc();
        return Benchmark.statusMb("VmRSS");
    }
}
