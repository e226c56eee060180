package nst.core;

import nst.core.run.StyleTransferEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nst.testutil.TestImages;
import nst.testutil.TinyNetworks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tiling of large scales: coverage, weights, seams, the style Grams and the bad-input errors. */
class TilingTest {
    private static FeatureNetwork net;
    private static StyleParams base;
    private static final RgbImage CONTENT = smooth(96, 64);
    /**
     * The largest step at a tile edge, relative to the median step, that still counts as no seam.
     * A blended 30-iteration run measures 1.31 where oneDNN runs AVX-512 kernels and below 1.3 with
     * AVX2 ones; tiles pasted side by side measure 1.63.
     */
    private static final double SEAM = 1.4;
    private static final RgbImage STYLE = TestImages.pattern(40, 40, 2);

    @BeforeAll
    static void network() {
        net = TinyNetworks.vgg19(3);
        // relu2_1: receptive field 10 px, so a 40 px tile with a 12 px band is enough
        base = StyleParams.defaults(net.defaults()).withLayers("relu2_1", StyleLayer.parseList("relu1_1,relu2_1"))
                .withWeights(1, 100, 0.01).toBuilder().iterations(6).scales(1).build();
    }

    private static StyleTransferResult run(StyleParams p, ProgressListener l) {
        return new StyleTransferEngine(net).run(new StyleTransferRequest(CONTENT, List.of(new StyleImage(STYLE, 1)), p, Optional.empty()),
                l, CancellationToken.NEVER);
    }

    @Test
    void tilesCoverTheImageAndTheirWeightsSumToOne() {
        for (int[] c : new int[][] {{96, 64, 40, 12}, {300, 17, 64, 16}, {40, 40, 40, 8}, {257, 129, 100, 0}}) {
            Tiles tiles = new Tiles(c[0], c[1], c[2], c[3]);
            RgbImage one = new RgbImage(c[0], c[1], filled(3 * c[0] * c[1], 1f));
            for (Tiles.Tile t : tiles.tiles()) {
                assertTrue(t.width() <= c[2] && t.height() <= c[2] && t.x() + t.width() <= c[0] && t.y() + t.height() <= c[1], t.toString());
                tiles.add(t, one.crop(t.x(), t.y(), t.width(), t.height()));
            }
            // blending an all-ones image over an all-zeros one gives 1 everywhere only if every
            // pixel is covered and the weights are normalised
            RgbImage blend = tiles.blend(new RgbImage(c[0], c[1], new float[3 * c[0] * c[1]]));
            for (float v : blend.planarRgb()) {
                assertEquals(1f, v, 1e-5f);
            }
        }
        // paste is crop's inverse: a region cut out and pasted back leaves the image as it was,
        // and pasting changes only that region
        RgbImage img = TestImages.pattern(30, 20, 3);
        RgbImage part = img.crop(7, 4, 11, 9);
        assertEquals(img, img.paste(part, 7, 4));
        RgbImage dark = new RgbImage(11, 9, new float[3 * 11 * 9]);
        RgbImage pasted = img.paste(dark, 7, 4);
        assertEquals(dark, pasted.crop(7, 4, 11, 9));
        assertEquals(img.crop(0, 0, 30, 4), pasted.crop(0, 0, 30, 4));
        assertThrows(IllegalArgumentException.class, () -> img.paste(part, 20, 4));
        int[] starts = Tiles.starts(96, 40, 12);
        assertEquals(3, starts.length);
        for (int i = 1; i < starts.length; i++) {
            assertTrue(starts[i - 1] + 40 - starts[i] >= 12 - 1, "neighbours share at least the overlap");
        }
    }

    /** Two scales of 8 iterations at the final one: the coarse scale's 2, then the 8, each counted within its scale. */
    @Test
    void progressSaysTheScaleAndCountsWithinIt() {
        List<String> where = new ArrayList<>();
        ProgressListener l = new ProgressListener() {
            @Override
            public void onIteration(Progress p) {
                where.add(p.where());
                assertEquals(10, p.total());
            }
        };
        run(base.toBuilder().iterations(8).scales(2).build(), l);
        assertEquals(List.of("scale 1 of 2, 1/2", "scale 1 of 2, 2/2", "scale 2 of 2, 1/8"), where.subList(0, 3));
        assertEquals("scale 2 of 2, 8/8", where.get(where.size() - 1));
        where.clear();
        run(base, new ProgressListener() {
            @Override
            public void onIteration(Progress p) {
                where.add(p.where());
            }
        });
        assertEquals("6/6", where.get(where.size() - 1), "one scale: the plain count");
    }

    @Test
    void tiledRunHasTheFullSizeAndNoSeam() {
        List<String> status = new ArrayList<>();
        int[] iterations = {0};
        ProgressListener l = new ProgressListener() {
            @Override
            public void onStatus(String s) {
                status.add(s);
            }

            @Override
            public void onIteration(Progress p) {
                iterations[0]++;
                assertEquals(6 * 30, p.total(), "progress counts every tile's iterations");
            }
        };
        // a strong style and 30 iterations, so that tiles optimised on their own drift apart at their edges
        StyleParams strong = base.toBuilder().iterations(30).styleWeight(10000).build();
        StyleParams tiled = strong.toBuilder().tile(40).tileOverlap(12).build();
        StyleTransferResult r = run(tiled, l);
        assertEquals(96, r.image().width());
        assertEquals(64, r.image().height());
        assertEquals(180, iterations[0], "3 x 2 tiles of 30 iterations");
        assertTrue(status.stream().anyMatch(s -> s.contains("tile 6 of 6")), status.toString());
        assertTrue(!r.image().equals(CONTENT), "the tiles were optimised");

        Tiles grid = new Tiles(96, 64, 40, 12);
        double blended = seam(r.image(), grid);
        // naive tiling: each tile optimised on its own and pasted; each tile's border shows
        float[] naive = CONTENT.planarRgb();
        for (Tiles.Tile t : grid.tiles()) {
            RgbImage part = new StyleTransferEngine(net).run(new StyleTransferRequest(CONTENT.crop(t.x(), t.y(), t.width(), t.height()),
                    List.of(new StyleImage(STYLE, 1)), strong, Optional.empty()), ProgressListener.NONE, CancellationToken.NEVER).image();
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < t.height(); y++) {
                    for (int x = 0; x < t.width(); x++) {
                        naive[(c * 64 + t.y() + y) * 96 + t.x() + x] = part.get(c, x, y);
                    }
                }
            }
        }
        double pasted = seam(new RgbImage(96, 64, naive), grid);
        assertTrue(blended < SEAM, "no seam: the step across a tile edge is at most " + blended + " x the steps around it");
        assertTrue(pasted > SEAM, "the metric sees the seams of tiles pasted side by side: " + pasted + " (blended " + blended + ")");
        assertTrue(blended - 1 < 0.6 * (pasted - 1), "blending removes most of the seam: " + blended + " against " + pasted);
    }

    @Test
    void seamMetricFlagsAVisibleSeam() {
        float[] v = CONTENT.planarRgb();
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 64; y++) {
                for (int x = 40; x < 96; x++) {
                    v[(c * 64 + y) * 96 + x] = Math.min(1f, v[(c * 64 + y) * 96 + x] + 0.04f);
                }
            }
        }
        Tiles grid = new Tiles(96, 64, 40, 12);
        assertTrue(seam(new RgbImage(96, 64, v), grid) > 1.5 * SEAM, "a 0.04 step along a tile edge counts as a seam");
        assertTrue(seam(CONTENT, grid) < SEAM, "the smooth image has none");
    }

    @Test
    void tileSmallerThanTheReceptiveFieldIsRefused() {
        StyleParams deep = StyleParams.defaults(net.defaults()).withIterations(1).toBuilder().tile(64).tileOverlap(16).build();
        int field = net.receptiveField(List.of("relu5_1"));
        assertTrue(field > 64, "VGG relu5_1 sees " + field + " pixels");
        BadInputException e = assertThrows(BadInputException.class, () -> run(deep, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("receptive field") && e.getMessage().contains("tile=" + field), e.getMessage());
        assertEquals(10, net.receptiveField(List.of("relu2_1")), "3x3, 3x3, pool 2, 3x3: 1 + 2 + 2 + 1 + 2*2");
    }

    @Test
    void badTileParametersAreRefused() {
        BadInputException small = assertThrows(BadInputException.class, () -> base.toBuilder().tile(8).build());
        assertTrue(small.getMessage().contains("tile"), small.getMessage());
        BadInputException overlap = assertThrows(BadInputException.class, () -> base.toBuilder().tile(40).tileOverlap(20).build());
        assertTrue(overlap.getMessage().contains("tile_overlap"), overlap.getMessage());
        assertEquals(32, base.toBuilder().tile(128).build().effectiveTileOverlap(), "by default a quarter of the tile");
        assertEquals(64, base.toBuilder().tile(1024).build().effectiveTileOverlap(), "at most 64");
        assertEquals(16, new ParamValues(java.util.Map.of(ParamSpec.TILE, "512", ParamSpec.TILE_OVERLAP, "16"))
                .styleParams(net.defaults()).effectiveTileOverlap(), "the key sets it");
    }

    /**
     * How much the steps across the tile edges stand out: for each edge, the mean step across it
     * divided by the median of the steps across the 8 lines on either side; the largest of these.
     * A seam is a line of unusually large steps exactly where a tile ends.
     */
    static double seam(RgbImage img, Tiles grid) {
        int w = img.width();
        int h = img.height();
        double[] col = new double[w - 1];
        double[] row = new double[h - 1];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    if (x + 1 < w) {
                        col[x] += Math.abs(img.get(c, x + 1, y) - img.get(c, x, y)) / h;
                    }
                    if (y + 1 < h) {
                        row[y] += Math.abs(img.get(c, x, y + 1) - img.get(c, x, y)) / w;
                    }
                }
            }
        }
        double worst = 0;
        for (Tiles.Tile t : grid.tiles()) {
            worst = Math.max(worst, Math.max(standOut(col, t.x() - 1), standOut(col, t.x() + t.width() - 1)));
            worst = Math.max(worst, Math.max(standOut(row, t.y() - 1), standOut(row, t.y() + t.height() - 1)));
        }
        return worst;
    }

    private static double standOut(double[] steps, int e) {
        if (e < 0 || e >= steps.length) {
            return 0;
        }
        List<Double> around = new ArrayList<>();
        for (int i = Math.max(0, e - 8); i <= Math.min(steps.length - 1, e + 8); i++) {
            if (i != e) {
                around.add(steps[i]);
            }
        }
        around.sort(Double::compare);
        return steps[e] / around.get(around.size() / 2);
    }

    /** Smooth gradients and waves with a little seeded noise. */
    private static RgbImage smooth(int w, int h) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        float[] v = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] = (float) (0.2 + 0.6 * x / w + 0.02 * r.nextDouble());
                v[(h + y) * w + x] = (float) (0.2 + 0.6 * y / h + 0.02 * r.nextDouble());
                v[(2 * h + y) * w + x] = (float) (0.5 + 0.3 * Math.sin(x / 9.0) * Math.cos(y / 7.0) + 0.02 * r.nextDouble());
            }
        }
        return new RgbImage(w, h, v);
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** Counts the direct forward passes that read only the style layers: the style targets. */
    private static final class CountingNetwork extends nst.testutil.ForwardingNetwork {
        private final java.util.Set<String> styleOnly;
        int stylePasses;

        CountingNetwork(FeatureNetwork inner, java.util.Set<String> styleOnly) {
            super(inner);
            this.styleOnly = styleOnly;
        }

        @Override
        protected java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> forward(InputGradientNetwork d, org.nd4j.linalg.api.ndarray.INDArray x,
                java.util.Set<String> taps) {
            if (taps.equals(styleOnly)) {
                stylePasses++;
            }
            return d.forward(x, taps);
        }
    }

    @Test
    void theStyleTargetsAreComputedOncePerScaleNotOncePerTile() {
        // content layer relu2_1 and style layer relu1_1 only, so a style pass is recognisable by its taps
        StyleParams p = base.toBuilder().contentLayer("relu2_1").styleLayers(StyleLayer.parseList("relu1_1")).iterations(2)
                .tile(40).tileOverlap(12).scales(2).build();
        CountingNetwork counting = new CountingNetwork(net, java.util.Set.of("relu1_1"));
        StyleTransferResult r = new StyleTransferEngine(counting).run(new StyleTransferRequest(CONTENT, List.of(new StyleImage(STYLE, 1)), p,
                Optional.empty()), ProgressListener.NONE, CancellationToken.NEVER);
        assertEquals(96, r.image().width());
        // scale 1 (48 x 32 px): 2 x 1 tiles; scale 2 (96 x 64 px): 3 x 2 tiles; the style is read
        // whole at each scale (20 and 40 px, within the 40 px tile): one pass per scale, not per tile
        assertEquals(2, counting.stylePasses, "style passes");
    }
}
