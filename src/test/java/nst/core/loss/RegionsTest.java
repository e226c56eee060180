package nst.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nst.core.CancellationToken;
import nst.core.FeatureNetwork;
import nst.core.InputGradientNetwork;
import nst.core.LabelImage;
import nst.core.ProgressListener;
import nst.core.Regions;
import nst.core.RgbImage;
import nst.core.StyleImage;
import nst.core.StyleLayer;
import nst.core.StyleParams;
import nst.core.StyleTransferRequest;
import nst.core.run.StyleTransferEngine;
import nst.testutil.TestImages;
import nst.testutil.TinyNetworks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Spatial control: the masked Gram matrix, a selection that styles only itself, and one style per region. */
class RegionsTest {
    private static FeatureNetwork net;
    private static StyleParams base;
    private static final List<String> LAYERS = List.of("relu1_1", "relu2_1");

    @BeforeAll
    static void network() {
        net = TinyNetworks.vgg19(3);
        base = StyleParams.defaults(net.defaults()).withLayers("relu2_1", StyleLayer.parseList("relu1_1,relu2_1"))
                .withWeights(1, 1000, 0.01).toBuilder().iterations(25).scales(1).build();
    }

    /** The oracle: on a rectangle of whole feature-map cells the masked Gram matrix is the Gram matrix of the cropped features. */
    @Test
    void theMaskedGramOfAGridAlignedRectangleIsTheGramOfTheCrop() {
        Nd4j.getRandom().setSeed(5);
        INDArray feat = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 5, 8, 10);
        float[] m = new float[80];
        for (int y = 1; y < 6; y++) {
            for (int x = 2; x < 7; x++) {
                m[y * 10 + x] = 1;
            }
        }
        INDArray masked = RegionStyle.maskedGram(feat, Nd4j.create(m, new long[] {1, 80}, 'c'));
        INDArray crop = Gram.of(feat.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, 6), NDArrayIndex.interval(2, 7)).dup('c'));
        assertTrue(crop.equalsWithEps(masked, 1e-5), masked + " vs " + crop);
        INDArray whole = Gram.of(feat);
        assertTrue(!whole.equalsWithEps(masked, 1e-3), "the rest of the map does not count");
    }

    /** Coverage of a label at a layer's grid: the fraction of each cell's pixels. */
    @Test
    void coverageIsTheShareOfEachCell() {
        int[] v = new int[8 * 4];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 3; x++) {
                v[y * 8 + x] = 1;
            }
        }
        float[] c = new LabelImage(8, 4, v).coverage(1, 4, 2);
        assertEquals(List.of(1f, 0.5f, 0f, 0f, 1f, 0.5f, 0f, 0f), List.of(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]));
    }

    /** An oval selection at the content's size: the content beyond the feather band, clearly styled inside. */
    @Test
    void aSelectionStylesOnlyItsRegion() {
        RgbImage content = TestImages.pattern(64, 48, 1);
        RgbImage style = stripes(40, 40, 0);
        int feather = 4;
        int[] oval = new int[64 * 48];
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                double dx = (x + 0.5 - 32) / 18;
                double dy = (y + 0.5 - 24) / 14;
                oval[y * 64 + x] = dx * dx + dy * dy <= 1 ? 1 : 0;
            }
        }
        LabelImage mask = new LabelImage(64, 48, oval);
        RgbImage r = run(content, List.of(style), Regions.inside(mask, new double[] {1}, feather));
        double inside = 0;
        int n = 0;
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                boolean far = true;
                for (int yy = Math.max(0, y - feather); yy <= Math.min(47, y + feather) && far; yy++) {
                    for (int xx = Math.max(0, x - feather); xx <= Math.min(63, x + feather) && far; xx++) {
                        far = oval[yy * 64 + xx] == 0;
                    }
                }
                for (int c = 0; c < 3; c++) {
                    double d = Math.abs(r.get(c, x, y) - content.get(c, x, y));
                    if (far) {
                        assertTrue(d <= 1 / 255.0, "outside the feather band the content stays, at " + x + "," + y + ": " + d);
                    } else if (oval[y * 64 + x] == 1) {
                        inside += d;
                        n++;
                    }
                }
            }
        }
        assertTrue(inside / n > 0.03, "the region is styled: mean change " + inside / n);
    }

    /**
     * Two regions, two styles: each region's masked Gram matrix (the engine's, {@link RegionStyle})
     * is nearer its own style's Gram matrix than the other's, each distance relative to that
     * target's size (so a brighter style does not win by its scale).
     */
    @Test
    void eachRegionTakesItsOwnStyle() {
        RgbImage content = TestImages.pattern(64, 48, 1);
        RgbImage a = stripes(40, 40, 0);
        RgbImage b = stripes(40, 40, 1);
        int[] v = new int[64 * 48];
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                v[y * 64 + x] = x < 32 ? 1 : 2;
            }
        }
        LabelImage labels = new LabelImage(64, 48, v);
        RgbImage r = run(content, List.of(a, b), Regions.oneStyleEach(labels, 2, 2, Optional.empty(), 4));
        InputGradientNetwork g = net.inputGradients().orElseThrow();
        Map<String, INDArray> gramA = Targets.styleGrams(features(g), tensor(a), LAYERS, 0);
        Map<String, INDArray> gramB = Targets.styleGrams(features(g), tensor(b), LAYERS, 0);
        Map<String, INDArray> f = features(g).apply(tensor(r), LAYERS);
        for (int label = 1; label <= 2; label++) {
            double own = 0;
            double other = 0;
            for (String l : LAYERS) {
                INDArray feat = f.get(l);
                float[] c = labels.coverage(label, (int) feat.size(3), (int) feat.size(2));
                INDArray gk = RegionStyle.maskedGram(feat, Nd4j.create(c, new long[] {1, c.length}, 'c'));
                double da = gk.sub(gramA.get(l)).norm2Number().doubleValue() / gramA.get(l).norm2Number().doubleValue();
                double db = gk.sub(gramB.get(l)).norm2Number().doubleValue() / gramB.get(l).norm2Number().doubleValue();
                own += label == 1 ? da : db;
                other += label == 1 ? db : da;
            }
            assertTrue(own < other, "region " + label + ": " + own + " against its style, " + other + " against the other");
        }
    }

    private static RgbImage run(RgbImage content, List<RgbImage> styles, Regions regions) {
        List<StyleImage> s = styles.stream().map(i -> new StyleImage(i, 1)).toList();
        return new StyleTransferEngine(net).run(new StyleTransferRequest(content, s, base, Optional.empty(), Optional.of(regions), Optional.empty()),
                ProgressListener.NONE, CancellationToken.NEVER).image();
    }

    private static java.util.function.BiFunction<INDArray, List<String>, Map<String, INDArray>> features(InputGradientNetwork g) {
        return (image, layers) -> {
            Map<String, INDArray> out = new HashMap<>();
            g.forward(image, new LinkedHashSet<>(layers)).forEach((k, v) -> out.put(k, v.dup()));
            return out;
        };
    }

    private static INDArray tensor(RgbImage img) {
        float[] v = img.planarRgb();
        for (int i = 0; i < v.length; i++) {
            v[i] *= 255f;
        }
        return Nd4j.create(v, new long[] {1, 3, img.height(), img.width()}, 'c');
    }

    /** Stripes: red and green horizontal ones (kind 0), or blue and yellow vertical ones (kind 1). */
    private static RgbImage stripes(int w, int h, int kind) {
        float[] v = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean on = kind == 0 ? (y / 3) % 2 == 0 : (x / 5) % 2 == 0;
                float[] rgb = kind == 0 ? (on ? new float[] {0.9f, 0.2f, 0.2f} : new float[] {0.3f, 0.8f, 0.3f})
                        : (on ? new float[] {0.2f, 0.2f, 0.9f} : new float[] {0.9f, 0.9f, 0.3f});
                for (int c = 0; c < 3; c++) {
                    v[(c * h + y) * w + x] = rgb[c];
                }
            }
        }
        return new RgbImage(w, h, v);
    }
}
