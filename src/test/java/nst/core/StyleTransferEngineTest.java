package nst.core;

import nst.core.run.StyleTransferEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import nst.testutil.TestImages;
import nst.testutil.TinyNetworks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StyleTransferEngineTest {
    private static FeatureNetwork net;
    private static StyleParams base;
    private static final RgbImage CONTENT = TestImages.pattern(20, 16, 1);
    private static final RgbImage STYLE = TestImages.pattern(18, 18, 2);

    @BeforeAll
    static void network() {
        net = TinyNetworks.vgg19(3);
        base = StyleParams.defaults(net.defaults()).withLayers("relu3_1", StyleLayer.parseList("relu1_1,relu2_1,relu3_1"))
                .withWeights(1, 10, 0.01).toBuilder().iterations(15).scales(1).build();
    }

    private static StyleTransferResult run(StyleParams p) {
        return new StyleTransferEngine(net).run(new StyleTransferRequest(CONTENT, STYLE, p), ProgressListener.NONE, CancellationToken.NEVER);
    }

    @Test
    void lbfgsLowersTheLossAndKeepsTheSize() {
        int workspaces = GatysLossTest.evaluationWorkspaces();
        StyleTransferResult r = run(base.withInit(Init.NOISE, 4));
        assertEquals(workspaces, GatysLossTest.evaluationWorkspaces(), "the run frees its evaluations' memory");
        assertEquals(15, r.iterations());
        assertEquals(15, r.losses().size());
        assertFalse(r.cancelled());
        assertEquals(CONTENT.width(), r.image().width());
        assertEquals(CONTENT.height(), r.image().height());
        assertTrue(r.finalLosses().total() < 0.5 * r.losses().get(0).total(),
                "final " + r.finalLosses().total() + " first " + r.losses().get(0).total());
        for (float v : r.image().planarRgb()) {
            assertTrue(v >= 0 && v <= 1);
        }
    }

    @Test
    void adamLowersTheLoss() {
        StyleTransferResult r = run(base.withInit(Init.NOISE, 4).withOptimizer(Optimizer.ADAM, 5));
        assertTrue(r.finalLosses().total() < 0.8 * r.losses().get(0).total());
    }

    @Test
    void sameSeedSameImageOtherSeedOtherImage() {
        StyleParams p = base.withInit(Init.NOISE, 42).withIterations(4);
        RgbImage a = run(p).image();
        RgbImage b = run(p).image();
        RgbImage c = run(p.withInit(Init.NOISE, 43)).image();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void contentInitWithOnlyContentLossStaysAtTheContent() {
        StyleTransferResult r = run(base.withWeights(1, 0, 0).withIterations(3));
        assertEquals(0, r.finalLosses().total(), 1e-6);
        float[] in = CONTENT.planarRgb();
        float[] out = r.image().planarRgb();
        for (int i = 0; i < in.length; i++) {
            assertEquals(in[i], out[i], 1e-5);
        }
    }

    @Test
    void startImageOverridesInit() {
        RgbImage start = TestImages.pattern(20, 16, 9);
        StyleTransferResult r = new StyleTransferEngine(net).run(new StyleTransferRequest(CONTENT, STYLE,
                base.withWeights(0, 0, 1).withIterations(1), java.util.Optional.of(start)), ProgressListener.NONE, CancellationToken.NEVER);
        StyleTransferResult fromContent = run(base.withWeights(0, 0, 1).withIterations(1));
        assertNotEquals(fromContent.losses().get(0).tv(), r.losses().get(0).tv());
        assertThrows(BadInputException.class, () -> new StyleTransferRequest(CONTENT, STYLE, base, java.util.Optional.of(STYLE)));
    }

    @Test
    void cancellationStopsWithinOneIterationAndKeepsAnImage() {
        AtomicInteger seen = new AtomicInteger();
        ProgressListener l = new ProgressListener() {
            @Override
            public void onIteration(Progress p) {
                seen.set(p.iteration());
            }
        };
        StyleTransferResult r = new StyleTransferEngine(net).run(new StyleTransferRequest(CONTENT, STYLE, base), l, () -> seen.get() >= 3);
        assertTrue(r.cancelled());
        assertEquals(3, r.iterations());
        assertEquals(CONTENT.width(), r.image().width());
        assertTrue(r.finalLosses().total() <= r.losses().get(0).total());
    }

    @Test
    void progressAndPreviewsAreReported() {
        List<Progress> progress = new ArrayList<>();
        List<Integer> previews = new ArrayList<>();
        List<String> status = new ArrayList<>();
        ProgressListener l = new ProgressListener() {
            @Override
            public void onStatus(String message) {
                status.add(message);
            }

            @Override
            public void onIteration(Progress p) {
                progress.add(p);
            }

            @Override
            public void onPreview(RgbImage image, int iteration) {
                assertEquals(CONTENT.width(), image.width());
                previews.add(iteration);
            }
        };
        new StyleTransferEngine(net).run(new StyleTransferRequest(CONTENT, STYLE, base.withIterations(6).withPreviewEvery(2)), l, CancellationToken.NEVER);
        assertEquals(6, progress.size());
        assertEquals(List.of(2, 4, 6), previews);
        assertEquals(6, progress.get(5).iteration());
        assertEquals(0, progress.get(5).etaSeconds(), 1e-9);
        assertTrue(progress.get(0).etaSeconds() >= 0);
        assertFalse(status.isEmpty());
    }

    @Test
    void unknownLayerIsAClearError() {
        BadInputException e = assertThrows(BadInputException.class, () -> run(base.withLayers("conv9_9", base.styleLayers())));
        assertTrue(e.getMessage().contains("conv9_9") && e.getMessage().contains("relu4_2"), e.getMessage());
    }

    @Test
    void tooSmallImageIsAClearError() {
        RgbImage tiny = TestImages.pattern(3, 3, 1);
        BadInputException e = assertThrows(BadInputException.class, () -> new StyleTransferEngine(net)
                .run(new StyleTransferRequest(tiny, STYLE, base), ProgressListener.NONE, CancellationToken.NEVER));
        assertTrue(e.getMessage().contains("3x3") && e.getMessage().contains("at least 4x4"), e.getMessage());
        assertThrows(BadInputException.class, () -> new RgbImage(1, 0, new float[0]));
    }
}
