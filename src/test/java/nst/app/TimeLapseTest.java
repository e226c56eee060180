package nst.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nst.convert.Images;
import nst.core.CancellationToken;
import nst.core.ProgressListener;
import nst.core.RgbImage;
import nst.core.TemporalMode;
import nst.testutil.KerasH5Writer;
import nst.testutil.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short moving sequence: temporal mode flickers less than frames stylized on their own, and cancelling keeps what was done. */
class TimeLapseTest {
    @TempDir
    Path tmp;

    /** A smooth textured scene panned by (2k, k) pixels in frame k. */
    static List<RgbImage> panning(int w, int h, int frames) {
        List<RgbImage> out = new ArrayList<>();
        for (int k = 0; k < frames; k++) {
            float[] v = new float[3 * w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double X = x + 2 * k;
                    double Y = y + k;
                    v[y * w + x] = (float) (0.5 + 0.25 * Math.sin(X * 0.35) * Math.cos(Y * 0.28) + 0.15 * Math.sin((X + 2 * Y) * 0.13));
                    v[w * h + y * w + x] = (float) (0.5 + 0.3 * Math.cos(X * 0.21 - Y * 0.17));
                    v[2 * w * h + y * w + x] = (float) (0.5 + 0.2 * Math.sin(Y * 0.4));
                }
            }
            out.add(new RgbImage(w, h, v));
        }
        return out;
    }

    private PreparedRun prepared(RgbImage first) {
        Path model = tmp.resolve("m.h5");
        KerasH5Writer.write(model, KerasH5Writer.vgg(19, new int[] {4, 4, 4, 4, 4}), 4);
        return NeuralStyle.builder().content(Images.toImagePlus(first, "f0")).style(Images.toImagePlus(TestImages.pattern(40, 40, 2), "s"))
                .model(model.toString()).size(48).iterations(15).option("scales", "1").option("style_weight", "100").build()
                .prepare(ProgressListener.NONE, CancellationToken.NEVER);
    }

    @Test
    void temporalModeFlickersLessThanIndependentFrames() {
        List<RgbImage> frames = panning(48, 40, 4);
        PreparedRun run = prepared(frames.get(0));
        TimeLapse.Summary full = new TimeLapse(run, TemporalMode.FULL, 2000).run(frames, k -> ProgressListener.NONE, CancellationToken.NEVER, f -> { });
        List<RgbImage> independent = new ArrayList<>();
        for (RgbImage f : frames) {
            independent.add(run.run(f, Optional.empty(), Optional.empty(), ProgressListener.NONE, CancellationToken.NEVER).image());
        }
        double alone = TimeLapse.meanFlicker(frames, independent);
        assertEquals(4, full.frames().size());
        assertTrue(full.meanFlicker() < alone, "temporal " + full.meanFlicker() + " against independent " + alone);
        assertTrue(full.meanInputFlicker() < 5, "the input's own flicker is small (a pure pan): " + full.meanInputFlicker());
    }

    @Test
    void cancellingKeepsTheFinishedFrames() {
        List<RgbImage> frames = panning(48, 40, 4);
        PreparedRun run = prepared(frames.get(0));
        int[] iterations = {0};
        List<Integer> sunk = new ArrayList<>();
        TimeLapse.Summary s = new TimeLapse(run, TemporalMode.FULL, 2000).run(frames, k -> ProgressListener.NONE,
                () -> ++iterations[0] > 15 + 15 + 5, f -> sunk.add(f.index()));
        assertTrue(s.cancelled());
        assertEquals(List.of(0, 1, 2), sunk, "two whole frames, then the third's best image so far");
        assertTrue(!s.frames().get(1).cancelled() && s.frames().get(2).cancelled());
    }

    /** A frame of another shape is refused with both sizes, not squashed. */
    @Test
    void aFrameOfAnotherShapeIsRefused() {
        List<RgbImage> frames = new ArrayList<>(panning(48, 40, 2));
        frames.add(TestImages.pattern(40, 40, 3));
        PreparedRun run = prepared(frames.get(0));
        nst.core.BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(nst.core.BadInputException.class,
                () -> new TimeLapse(run, TemporalMode.FULL, 1).run(frames, k -> ProgressListener.NONE, CancellationToken.NEVER, f -> { }));
        assertTrue(e.getMessage().contains("Frame 3 is 40x40") && e.getMessage().contains("48x40"), e.getMessage());
    }
}
