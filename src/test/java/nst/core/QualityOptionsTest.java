package nst.core;

import nst.core.run.StyleTransferEngine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nst.testutil.ForwardingNetwork;
import nst.testutil.TestImages;
import nst.testutil.TinyNetworks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Each quality option changes what it should (every test fails if the option did nothing). */
class QualityOptionsTest {
    private static FeatureNetwork net;
    private static StyleParams base;
    private static final RgbImage CONTENT = TestImages.pattern(32, 24, 1);
    private static final RgbImage STYLE_A = TestImages.pattern(28, 28, 2);
    private static final RgbImage STYLE_B = TestImages.pattern(30, 26, 5);

    @BeforeAll
    static void network() {
        net = TinyNetworks.vgg19(3);
        base = StyleParams.defaults(net.defaults()).withLayers("relu3_1", StyleLayer.parseList("relu1_1,relu2_1,relu3_1"))
                .withWeights(1, 10, 0.01).toBuilder().iterations(4).scales(1).build();
    }

    private static StyleTransferResult run(StyleParams p, List<StyleImage> styles) {
        return new StyleTransferEngine(net).run(new StyleTransferRequest(CONTENT, styles, p, Optional.empty()), ProgressListener.NONE, CancellationToken.NEVER);
    }

    private static StyleTransferResult run(StyleParams p) {
        return run(p, List.of(new StyleImage(STYLE_A, 1)));
    }

    @Test
    void originalColorsKeepTheContentChroma() {
        RgbImage plain = run(base.toBuilder().styleWeight(100).build()).image();
        RgbImage kept = run(base.toBuilder().styleWeight(100).colors(ColorMode.ORIGINAL).build()).image();
        double plainDiff = 0;
        double keptDiff = 0;
        for (int y = 0; y < CONTENT.height(); y++) {
            for (int x = 0; x < CONTENT.width(); x++) {
                double[] c = TestImages.chroma(CONTENT, x, y);
                double[] p = TestImages.chroma(plain, x, y);
                double[] k = TestImages.chroma(kept, x, y);
                plainDiff = Math.max(plainDiff, Math.max(Math.abs(c[0] - p[0]), Math.abs(c[1] - p[1])));
                keptDiff = Math.max(keptDiff, Math.max(Math.abs(c[0] - k[0]), Math.abs(c[1] - k[1])));
            }
        }
        assertTrue(keptDiff < 0.03, "chroma kept within " + keptDiff);
        assertTrue(plainDiff > 5 * keptDiff, "without it the chroma moves: " + plainDiff);
    }

    @Test
    void matchedColorsChangeTheStyleTargets() {
        double plain = run(base.withIterations(1)).losses().get(0).style();
        double matched = run(base.toBuilder().iterations(1).colors(ColorMode.MATCH).build()).losses().get(0).style();
        assertNotEquals(plain, matched);
    }

    @Test
    void blendWeightsMixStyles() {
        StyleParams p = base.withIterations(1);
        double a = run(p, List.of(new StyleImage(STYLE_A, 1))).losses().get(0).style();
        double b = run(p, List.of(new StyleImage(STYLE_B, 1))).losses().get(0).style();
        assertEquals(a, run(p, List.of(new StyleImage(STYLE_A, 3), new StyleImage(STYLE_B, 0))).losses().get(0).style(), 1e-6 * a);
        assertEquals(b, run(p, List.of(new StyleImage(STYLE_A, 0), new StyleImage(STYLE_B, 2))).losses().get(0).style(), 1e-6 * b);
        double mix = run(p, List.of(new StyleImage(STYLE_A, 1), new StyleImage(STYLE_B, 1))).losses().get(0).style();
        assertTrue(Math.abs(mix - a) > 1e-3 * a && Math.abs(mix - b) > 1e-3 * b, a + " " + b + " " + mix);
        assertThrows(BadInputException.class, () -> new StyleImage(STYLE_A, -1));
        assertThrows(BadInputException.class, () -> new StyleTransferRequest(CONTENT, List.of(new StyleImage(STYLE_A, 0)), p, Optional.empty()));
    }

    @Test
    void styleSizeChangesTheTargetsAndTooSmallIsAnError() {
        StyleParams p = base.withIterations(1);
        double full = run(p, List.of(new StyleImage(STYLE_A, 1))).losses().get(0).style();
        double half = run(p, List.of(new StyleImage(Resample.resize(STYLE_A, 16, 16), 1))).losses().get(0).style();
        assertNotEquals(full, half);
        BadInputException e = assertThrows(BadInputException.class, () -> run(p, List.of(new StyleImage(Resample.resize(STYLE_A, 3, 3), 1))));
        assertTrue(e.getMessage().contains("style image is 3x3") && e.getMessage().contains("style_scale"), e.getMessage());
    }

    @Test
    void averagePoolingChangesDeepFeaturesOnly() {
        double max = run(base.withIterations(1)).losses().get(0).style();
        double avg = run(base.toBuilder().iterations(1).pooling(Pooling.AVG).build()).losses().get(0).style();
        assertNotEquals(max, avg);
        FeatureNetwork avgNet = net.withPooling(Pooling.AVG);
        assertEquals(net.outputSide(37, "relu5_1"), avgNet.outputSide(37, "relu5_1"));
        // relu1_1 comes before any pooling: the same with either
        StyleParams shallow = base.toBuilder().iterations(1).contentLayer("relu1_1").styleLayers(StyleLayer.parseList("relu1_1")).build();
        assertEquals(run(shallow).losses().get(0).total(),
                run(shallow.toBuilder().pooling(Pooling.AVG).build()).losses().get(0).total(), 1e-9);
    }

    @Test
    void framesAreKeptEveryNIterationsAtTheResultSize() {
        java.util.List<RgbImage> frames = new java.util.ArrayList<>();
        ProgressListener keep = new ProgressListener() {
            @Override
            public void onFrame(RgbImage frame, int number) {
                assertEquals(frames.size() + 1, number);
                frames.add(frame);
            }
        };
        StyleTransferResult r = new StyleTransferEngine(net).run(new StyleTransferRequest(CONTENT, STYLE_A,
                base.toBuilder().iterations(6).framesEvery(2).build()), keep, CancellationToken.NEVER);
        assertEquals(3, r.frames());
        assertEquals(3, frames.size());
        assertEquals(CONTENT.width(), frames.get(0).width());
        assertNotEquals(frames.get(0), frames.get(2));
        assertEquals(0, run(base).frames());
    }

    @Test
    void multiScaleRunsCoarseToFine() {
        java.util.List<Progress> seen = new java.util.ArrayList<>();
        java.util.List<RgbImage> frames = new java.util.ArrayList<>();
        ProgressListener l = new ProgressListener() {
            @Override
            public void onIteration(Progress p) {
                seen.add(p);
            }

            @Override
            public void onFrame(RgbImage frame, int number) {
                frames.add(frame);
            }
        };
        StyleParams p = base.toBuilder().scales(2).iterations(8).framesEvery(1).build();
        StyleTransferResult r = new StyleTransferEngine(net).run(new StyleTransferRequest(CONTENT, STYLE_A, p), l, CancellationToken.NEVER);
        assertEquals(10, r.losses().size(), "2 iterations at the coarse scale (a quarter), then 8 at the final one");
        assertEquals(10, seen.get(9).total());
        assertEquals(CONTENT.width(), r.image().width());
        assertEquals(CONTENT.width(), frames.get(0).width(), "coarse frames are enlarged to the result's size");
        // the coarse scale sees a quarter of the pixels: its content loss is on other activations
        assertNotEquals(r.losses().get(0).total(), run(base.withIterations(8)).losses().get(0).total());
        // 16 px is the smallest input for relu5_1: from 24 px, a second scale (12 px) would not fit and is left out
        StyleParams deep = p.toBuilder().styleLayers(StyleLayer.parseList("relu5_1")).build();
        assertEquals(8, new StyleTransferEngine(net).run(new StyleTransferRequest(CONTENT, STYLE_A, deep), ProgressListener.NONE,
                CancellationToken.NEVER).losses().size());
    }

    @Test
    void theFinalScaleStartsFromTheCoarseResultWithTheContentsDetail() {
        List<float[]> fine = new ArrayList<>();
        FeatureNetwork watched = new ForwardingNetwork(net) {
            @Override
            protected Map<String, INDArray> forward(InputGradientNetwork inner, INDArray x, Set<String> taps) {
                // at the final size (32 x 24): the content's target pass, then the evaluations
                if (x.size(3) == CONTENT.width() && x.size(2) == CONTENT.height()) {
                    fine.add(x.div(255).data().asFloat());
                }
                return inner.forward(x, taps);
            }
        };
        StyleParams p = base.toBuilder().scales(2).iterations(8).build();
        new StyleTransferEngine(watched).run(new StyleTransferRequest(CONTENT, STYLE_A, p), ProgressListener.NONE, CancellationToken.NEVER);
        float[] content = CONTENT.planarRgb();
        assertArrayEquals(content, fine.get(0), 1e-5f, "the content's target pass");
        float[] start = fine.get(1);
        float[] cd = detail(content);
        float[] sd = detail(start);
        double off = 0;
        double norm = 0;
        double moved = 0;
        for (int i = 0; i < cd.length; i++) {
            off += (sd[i] - cd[i]) * (sd[i] - cd[i]);
            norm += cd[i] * cd[i];
            moved += Math.abs(start[i] - content[i]);
        }
        // the start has the content's fine detail (an enlarged coarse result alone has almost none) ...
        assertTrue(Math.sqrt(off / norm) < 0.3, "detail off by " + Math.sqrt(off / norm));
        // ... on what the coarse scale made of the image (its first step moves each value by a grey level on average)
        assertTrue(moved / content.length > 0.5 / 255, "moved " + moved / content.length);
    }

    /** What a 2x smaller copy of the image loses: the image less that copy enlarged again. */
    private static float[] detail(float[] planar) {
        RgbImage img = new RgbImage(CONTENT.width(), CONTENT.height(), planar);
        float[] blurred = Resample.resize(Resample.resize(img, CONTENT.width() / 2, CONTENT.height() / 2), CONTENT.width(), CONTENT.height()).planarRgb();
        float[] out = img.planarRgb();
        for (int i = 0; i < out.length; i++) {
            out[i] -= blurred[i];
        }
        return out;
    }

    @Test
    void cancellingAtACoarseScaleStillGivesAFullSizeResult() {
        java.util.concurrent.atomic.AtomicInteger polls = new java.util.concurrent.atomic.AtomicInteger();
        StyleParams p = base.toBuilder().scales(2).iterations(6).build();
        StyleTransferResult r = new StyleTransferEngine(net).run(new StyleTransferRequest(CONTENT, STYLE_A, p), ProgressListener.NONE,
                () -> polls.incrementAndGet() > 1);
        assertTrue(r.cancelled());
        assertEquals(1, r.iterations());
        assertEquals(CONTENT.width(), r.image().width());
        assertEquals(CONTENT.height(), r.image().height());
    }

    @Test
    void initImageIsRequiredForInitImage() {
        StyleParams p = base.withInit(Init.IMAGE, 0);
        assertThrows(BadInputException.class, () -> new StyleTransferRequest(CONTENT, STYLE_A, p));
        StyleTransferResult r = new StyleTransferEngine(net).run(new StyleTransferRequest(CONTENT, STYLE_A, p.withIterations(1),
                Optional.of(Resample.resize(STYLE_B, 32, 24))), ProgressListener.NONE, CancellationToken.NEVER);
        assertNotEquals(run(base.withIterations(1)).losses().get(0).total(), r.losses().get(0).total());
    }
}
