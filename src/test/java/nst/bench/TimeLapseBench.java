package nst.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nst.app.NeuralStyle;
import nst.app.PreparedRun;
import nst.app.TimeLapse;
import nst.convert.ImageFiles;
import nst.convert.Images;
import nst.core.CancellationToken;
import nst.core.ProgressListener;
import nst.core.Resample;
import nst.core.RgbImage;
import nst.core.StyleTransferResult;
import nst.core.TemporalMode;

/**
 * The time-lapse benchmark: a slow pan and zoom across testimages/coffee.png (FRAMES frames of
 * SIZE px, made here), stylized with the bundled SqueezeNet and testimages/brick.png (all in the
 * repository), once frame by frame on their own and once for each temporal
 * weight given (temporal=full). Prints, per configuration, a RESULT line: mean flicker of the
 * result and of the input (0-255), mean final style loss, seconds per frame; then TARGET lines
 * for the goals (flicker at least 3x lower, style loss at most 10% higher). With
 * {@code --frames DIR} it also writes the independent and temporal frames as PNG there;
 * {@code -Dnst.bench.precision=fp32|bf16|auto} (default auto) sets the precision of both.
 * {@code TimeLapseBench FRAMES SIZE ITERS WEIGHT...}
 */
public final class TimeLapseBench {
    private TimeLapseBench() { }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        int size = Integer.parseInt(args[1]);
        int iterations = Integer.parseInt(args[2]);
        List<Double> weights = new ArrayList<>();
        Path framesDir = null;
        for (int i = 3; i < args.length; i++) {
            if (args[i].equals("--frames")) {
                framesDir = Path.of(args[++i]);
            } else {
                weights.add(Double.parseDouble(args[i]));
            }
        }
        List<RgbImage> frames = panAndZoom(Images.toRgb(ImageFiles.open(Path.of("testimages", "coffee.png"), "content", s -> { }).getProcessor()),
                count, size);
        PreparedRun run = NeuralStyle.builder().content(Images.toImagePlus(frames.get(0), "f0"))
                .style(ImageFiles.open(Path.of("testimages", "brick.png"), "style", s -> { })).model("squeezenet1.1").size(size)
                .iterations(iterations).option("precision", System.getProperty("nst.bench.precision", "auto")).build()
                .prepare(ProgressListener.NONE, CancellationToken.NEVER);
        List<StyleTransferResult> alone = new ArrayList<>();
        long t0 = System.nanoTime();
        for (RgbImage f : frames) {
            alone.add(run.run(f, Optional.empty(), Optional.empty(), ProgressListener.NONE, CancellationToken.NEVER));
        }
        double aloneSeconds = (System.nanoTime() - t0) / 1e9 / count;
        double aloneFlicker = TimeLapse.meanFlicker(frames, alone.stream().map(StyleTransferResult::image).toList());
        double aloneStyle = alone.stream().mapToDouble(r -> r.finalLosses().style()).average().orElseThrow();
        System.out.printf(Locale.ROOT, "RESULT independent flicker %.2f style %.4g s/frame %.2f%n", aloneFlicker, aloneStyle, aloneSeconds);
        save(framesDir, "independent", alone.stream().map(StyleTransferResult::image).toList());
        for (double w : weights) {
            long t1 = System.nanoTime();
            List<StyleTransferResult> results = new ArrayList<>();
            TimeLapse.Summary s = new TimeLapse(run, TemporalMode.FULL, w).run(frames, k -> ProgressListener.NONE, CancellationToken.NEVER,
                    f -> results.add(f.result()));
            double seconds = (System.nanoTime() - t1) / 1e9 / count;
            double style = results.stream().mapToDouble(r -> r.finalLosses().style()).average().orElseThrow();
            System.out.printf(Locale.ROOT, "RESULT temporal_weight %.4g flicker %.2f input %.2f style %.4g s/frame %.2f%n", w, s.meanFlicker(),
                    s.meanInputFlicker(), style, seconds);
            System.out.printf(Locale.ROOT, "TARGET temporal_weight %.4g: flicker %.2fx lower than independent (goal >= 3x), style loss %+.1f%%"
                    + " (goal <= +10%%)%n", w, aloneFlicker / s.meanFlicker(), 100 * (style / aloneStyle - 1));
            save(framesDir, "temporal-" + w, results.stream().map(StyleTransferResult::image).toList());
        }
    }

    /** A window of 70% of the picture panning left to right and zooming in by 10%, resized to SIZE px wide. */
    static List<RgbImage> panAndZoom(RgbImage picture, int count, int size) {
        List<RgbImage> out = new ArrayList<>();
        int height = (int) Math.round((double) size * picture.height() / picture.width());
        for (int k = 0; k < count; k++) {
            double f = (double) k / Math.max(1, count - 1);
            double scale = 0.7 * (1 - 0.1 * f);
            int w = (int) Math.round(picture.width() * scale);
            int h = (int) Math.round(picture.height() * scale);
            int x = (int) Math.round((picture.width() - w) * f);
            int y = (picture.height() - h) / 2;
            RgbImage crop = picture.crop(x, y, w, h);
            out.add(Resample.resize(crop, size, height));
        }
        return out;
    }

    private static void save(Path dir, String name, List<RgbImage> images) throws java.io.IOException {
        if (dir == null) {
            return;
        }
        Files.createDirectories(dir.resolve(name));
        for (int k = 0; k < images.size(); k++) {
            ImageFiles.save(Images.toImagePlus(images.get(k), name), dir.resolve(name).resolve(String.format(Locale.ROOT, "%03d.png", k)));
        }
    }
}
