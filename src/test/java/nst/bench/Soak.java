package nst.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import nst.core.CancellationToken;
import nst.core.FeatureNetwork;
import nst.core.Progress;
import nst.core.ProgressListener;
import nst.core.StyleParams;
import nst.core.StyleTransferEngine;
import nst.core.StyleTransferRequest;
import nst.model.SqueezeNet;
import nst.testutil.Shared;
import nst.testutil.TestImages;

/**
 * Native-memory soak: {@code Soak RUNS ITERS SIZE} runs SqueezeNet RUNS times in one JVM and then
 * one long run of ITERS iterations, printing the resident memory (VmRSS) after each run and every
 * 50 iterations. Flat numbers mean nothing leaks.
 */
public final class Soak {
    private Soak() { }

    public static void main(String[] args) throws IOException {
        int runs = Integer.parseInt(args[0]);
        int iters = Integer.parseInt(args[1]);
        int size = Integer.parseInt(args[2]);
        FeatureNetwork net = SqueezeNet.load(Shared.squeezeNetH5());
        StyleParams p = StyleParams.defaults(net.defaults()).withIterations(10);
        var content = TestImages.pattern(size, size, 1);
        var style = TestImages.pattern(size, size, 2);
        StringBuilder perRun = new StringBuilder();
        for (int r = 1; r <= runs; r++) {
            new StyleTransferEngine(net).run(new StyleTransferRequest(content, style, p), ProgressListener.NONE, CancellationToken.NEVER);
            perRun.append(rssMb()).append(r < runs ? "," : "");
        }
        System.out.println("RESULT soak runs=" + runs + " size=" + size + " rss_mb_after_each_run=" + perRun);
        StringBuilder perIter = new StringBuilder();
        ProgressListener l = new ProgressListener() {
            @Override
            public void onIteration(Progress pr) {
                if (pr.iteration() % 50 == 0) {
                    try {
                        perIter.append(perIter.length() > 0 ? "," : "").append(rssMb());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        };
        new StyleTransferEngine(net).run(new StyleTransferRequest(content, style, p.withIterations(iters)), l, CancellationToken.NEVER);
        System.out.printf(Locale.ROOT, "RESULT soak iterations=%d size=%d rss_mb_every_50=%s%n", iters, size, perIter);
    }

    private static long rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
