package nst.bench;

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

/**
 * {@code PeerCheck CONTENT STYLE ITERS SCALES [THRESHOLD] [OUT]}: SqueezeNet (or, with
 * {@code -Dnst.bench.model=FILE.h5}, that VGG file) with its default weights and layers (the style
 * weight times {@code -Dnst.bench.styleScale}, default 1), L-BFGS,
 * in the precision {@code -Dnst.bench.precision} (default auto), with {@code -Dnst.bench.history}
 * L-BFGS pairs (default the run's default), from the content (with {@code -Dnst.bench.jitter=SEED}
 * plus invisible noise, {@link #jittered}: how far a run's final loss moves when its start moves
 * by 0.1 of a pixel step), on images already at their
 * working size (as the PyTorch peer gets them), and
 * prints the final loss, the wall time and, given THRESHOLD (the peer's final loss), the time at
 * which the final scale's loss first reached it; a CURVE line gives the final scale's loss every
 * 50 iterations; {@code -Dnst.bench.curve=FILE.csv} writes the final scale's
 * {@code seconds,loss} per evaluation, seconds from the start (for {@link CurvePlot}). Run
 * through scripts/peer_check.sh, scripts/time_to_picture.sh and scripts/precision_loss.sh.
 */
public final class PeerCheck {
    private PeerCheck() { }

    public static void main(String[] args) throws java.io.IOException {
        RgbImage content = Images.toRgb(ImageFiles.open(Path.of(args[0]), "content"));
        RgbImage style = Images.toRgb(ImageFiles.open(Path.of(args[1]), "style"));
        int iters = Integer.parseInt(args[2]);
        int scales = Integer.parseInt(args[3]);
        double threshold = args.length > 4 ? Double.parseDouble(args[4]) : Double.NaN;
        long t0 = System.nanoTime();
        String model = System.getProperty("nst.bench.model", "squeezenet");
        FeatureNetwork net = model.equals("squeezenet") ? SqueezeNet.load(nst.testutil.Fixtures.squeezeNetH5())
                : nst.net.Networks.loadAny(Path.of(model));
        StyleParams defaults = StyleParams.defaults(net.defaults());
        double styleScale = Double.parseDouble(System.getProperty("nst.bench.styleScale", "1"));
        StyleParams p = defaults.toBuilder().iterations(iters).scales(scales).styleWeight(defaults.styleWeight() * styleScale)
                .lbfgsHistory(Integer.getInteger("nst.bench.history", StyleParams.DEFAULT_LBFGS_HISTORY))
                .precision(nst.core.Precision.parse(System.getProperty("nst.bench.precision", "auto"))).build();
        List<double[]> curve = new ArrayList<>();
        ProgressListener l = new ProgressListener() {
            @Override
            public void onIteration(Progress pr) {
                curve.add(new double[] {(System.nanoTime() - t0) / 1e9, pr.losses().total(), pr.iteration()});
            }
        };
        String jitter = System.getProperty("nst.bench.jitter");
        java.util.Optional<RgbImage> start = jitter == null ? java.util.Optional.empty() : java.util.Optional.of(jittered(content, Long.parseLong(jitter)));
        StyleTransferResult r = new StyleTransferEngine(net, nst.net.NativeMemory::reclaim).run(new StyleTransferRequest(content, style, p, start), l,
                CancellationToken.NEVER);
        double wall = (System.nanoTime() - t0) / 1e9;
        double reached = Double.NaN;
        int reachedAt = -1;
        int finalStart = curve.size() - iters;
        for (int i = Math.max(0, finalStart); i < curve.size(); i++) {
            if (curve.get(i)[1] <= threshold) {
                reached = curve.get(i)[0];
                reachedAt = i - finalStart + 1;
                break;
            }
        }
        System.out.printf(Locale.ROOT, "RESULT java %s %s %dx%d iters=%d scales=%d final_loss=%.6g content=%.4g style=%.4g tv=%.4g wall_s=%.1f reached_threshold_s=%.1f"
                        + " reached_at_final_iteration=%d first_evaluation_s=%.1f final_scale_from_s=%.1f%n",
                net.id(), net.withPrecision(p.precision()).precision().key(), content.width(), content.height(), iters, scales,
                r.finalLosses().total(), r.finalLosses().content(), r.finalLosses().style(),
                r.finalLosses().tv(), wall, reached, reachedAt, curve.get(0)[0], curve.get(Math.max(0, finalStart))[0]);
        StringBuilder at = new StringBuilder();
        for (int k = 50; k <= iters; k += 50) {
            at.append(String.format(Locale.ROOT, " it%d=%.1f", k, curve.get(Math.max(0, finalStart) + k - 1)[1]));
        }
        System.out.println("CURVE final-scale total loss:" + at);
        String curveFile = System.getProperty("nst.bench.curve");
        if (curveFile != null) {
            StringBuilder csv = new StringBuilder("seconds,loss\n");
            curve.subList(Math.max(0, finalStart), curve.size())
                    .forEach(c -> csv.append(String.format(Locale.ROOT, "%.3f,%.6g%n", c[0], c[1])));
            java.nio.file.Files.writeString(Path.of(curveFile), csv);
        }
        if (args.length > 5) {
            ImageFiles.save(Images.toImagePlus(r.image(), "result"), Path.of(args[5]));
        }
    }

    /** The content with uniform noise of at most 0.1 of a pixel step (0.1 / 255) from {@code seed}: a start no one could see. */
    private static RgbImage jittered(RgbImage content, long seed) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        float[] v = content.planarRgb();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.max(0, Math.min(1, v[i] + (rnd.nextDouble() * 2 - 1) * 0.1 / 255));
        }
        return new RgbImage(content.width(), content.height(), v);
    }
}
