package nst.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nst.convert.ImageFiles;
import nst.convert.Images;
import nst.core.CancellationToken;
import nst.core.FeatureNetwork;
import nst.core.Progress;
import nst.core.ProgressListener;
import nst.core.RgbImage;
import nst.core.StyleParams;
import nst.core.run.StyleTransferEngine;
import nst.core.StyleTransferRequest;
import nst.core.StyleTransferResult;
import nst.net.SqueezeNet;
import nst.net.Vgg;
import nst.testutil.KerasH5Writer;
import nst.testutil.TestImages;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One benchmark configuration: {@code Benchmark NET SIZE ITERS} with NET vgg19 (random weights in a
 * generated file of the real Keras layout, random images, as the PyTorch peer) or squeezenet (real
 * weights, astronaut + Starry Night). Prints one RESULT line: median s/iteration over iterations
 * 2..ITERS (one iteration = forward + losses + input gradient + L-BFGS step; all of them, the
 * first included, are listed on an ITERATIONS line first) and peak RSS. A BACKEND line names the
 * ND4J backend that ran (scripts/gpu_benchmark.sh checks it).
 * Run through scripts/benchmark.sh, which runs the peer beside it.
 */
public final class Benchmark {
    private Benchmark() { }

    public static void main(String[] args) throws IOException {
        String net = args[0];
        int size = Integer.parseInt(args[1]);
        int iters = Integer.parseInt(args[2]);
        long t0 = System.nanoTime();
        FeatureNetwork network;
        RgbImage content;
        RgbImage style;
        if (net.equals("vgg19")) {
            Path f = Path.of("target", "bench", "vgg19_random_keras_layout.h5");
            if (!Files.exists(f)) {
                Files.createDirectories(f.getParent());
                KerasH5Writer.write(f, KerasH5Writer.vgg(19, new int[] {64, 128, 256, 512, 512}), 12345);
            }
            network = Vgg.load(f, 19);
            content = TestImages.pattern(size, size, 1);
            style = TestImages.pattern(size, size, 2);
        } else {
            network = SqueezeNet.load(nst.testutil.Fixtures.squeezeNetH5());
            content = Images.toRgb(Images.resizeLongestSide(ImageFiles.open(SharedWorkspace.file("images/content/astronaut.png"), "content").getProcessor(), size));
            style = Images.toRgb(Images.resizeLongestSide(ImageFiles.open(SharedWorkspace.file("images/style/starry_night.jpg"), "style").getProcessor(), size));
        }
        // one scale: the figure is the time of an iteration at SIZE
        StyleParams p = StyleParams.defaults(network.defaults()).toBuilder().iterations(iters).scales(1)
                .precision(nst.core.Precision.parse(System.getProperty("nst.bench.precision", "auto"))).build();
        List<Double> stamps = new ArrayList<>();
        ProgressListener l = new ProgressListener() {
            @Override
            public void onIteration(Progress pr) {
                stamps.add(pr.elapsedSeconds());
            }
        };
        // which ND4J backend ran (CpuBackend, or JCublasBackend in a build with the cuda profile) and who ran the convolutions
        System.out.println("BACKEND " + Nd4j.getBackend().getClass().getSimpleName() + "; " + nst.net.onednn.OneDnn.status() + "; "
                + network.withPrecision(p.precision()).precision().key() + " convolutions");
        StyleTransferResult r = new StyleTransferEngine(network, nst.net.NativeMemory::reclaim).run(new StyleTransferRequest(content, style, p), l, CancellationToken.NEVER);
        // every iteration's time, the first one's included; the median leaves that one out
        List<Double> all = new ArrayList<>();
        for (int i = 0; i < stamps.size(); i++) {
            all.add(stamps.get(i) - (i == 0 ? 0 : stamps.get(i - 1)));
        }
        System.out.println("ITERATIONS s " + all.stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).toList());
        // a bfloat16 run's last iterations run in float32 (Precision.fp32TailIterations): left out of its figure too
        int timed = all.size() - (network.withPrecision(p.precision()).precision() == nst.core.Precision.BF16
                ? nst.core.Precision.fp32TailIterations(iters) : 0);
        double median = median(timed <= 1 ? all.subList(0, Math.max(1, timed)) : all.subList(1, timed));
        System.out.printf(Locale.ROOT, "RESULT java %s %d iters=%d s/iter median=%.3f setup_s=%.1f peakRSS=%dMB total_wall=%.1fs final_loss=%.5g%n",
                net, size, iters, median, r.setupSeconds(), peakRssMb(), (System.nanoTime() - t0) / 1e9, r.finalLosses().total());
    }

    /** As Python's statistics.median, which the peers use: the mean of the middle two of an even count. */
    static double median(List<? extends Number> v) {
        double[] s = v.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static long peakRssMb() throws IOException {
        return statusMb("VmHWM");
    }

    /** A memory field of /proc/self/status (VmHWM, VmRSS, ...) in MB; -1 when it is missing. */
    static long statusMb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
