package nst.core.loss;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nst.core.StyleLayer;
import nst.core.StyleParams;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Content features and style Gram matrices, computed once per run. */
public record Targets(INDArray content, Map<String, INDArray> grams) {
    /**
     * Reads features with {@code features} (image, layers) -> layer -> activations (arrays the
     * caller may keep); the style's Gram matrices are {@code knownGrams} when given (not null).
     */
    public static Targets compute(java.util.function.BiFunction<INDArray, List<String>, Map<String, INDArray>> features,
                           INDArray content255, List<INDArray> styles255, double[] blend, StyleParams p,
                           Map<String, INDArray> knownGrams) {
        return compute(features, content255, styles255, blend, p, knownGrams, null);
    }

    /**
     * As above; with {@code regions}, the Gram targets are each styled region's blend of the
     * styles, under "label/layer" (each style image's Gram matrices computed once).
     */
    public static Targets compute(java.util.function.BiFunction<INDArray, List<String>, Map<String, INDArray>> features,
                                  INDArray content255, List<INDArray> styles255, double[] blend, StyleParams p,
                                  Map<String, INDArray> knownGrams, nst.core.Regions regions) {
        INDArray content = p.contentWeight() > 0
                ? features.apply(content255, List.of(p.contentLayer())).get(p.contentLayer()) : null;
        if (knownGrams != null) {
            return new Targets(content, knownGrams);
        }
        Map<String, INDArray> grams = new LinkedHashMap<>();
        if (p.styleWeight() > 0) {
            List<String> names = p.styleLayers().stream().map(StyleLayer::name).distinct().toList();
            List<double[]> blends = new java.util.ArrayList<>();
            List<String> prefixes = new java.util.ArrayList<>();
            if (regions == null) {
                blends.add(blend);
                prefixes.add("");
            } else {
                for (int label : regions.styledLabels()) {
                    blends.add(regions.weightsOf(label).orElseThrow());
                    prefixes.add(label + "/");
                }
            }
            for (int i = 0; i < styles255.size(); i++) {
                Map<String, INDArray> g = null;
                for (int r = 0; r < blends.size(); r++) {
                    double b = blends.get(r)[i];
                    if (b == 0) {
                        continue;
                    }
                    g = g == null ? styleGrams(features, styles255.get(i), names, p.tile()) : g;
                    for (String n : names) {
                        grams.merge(prefixes.get(r) + n, g.get(n).mul(b), INDArray::addi);
                    }
                }
            }
        }
        return new Targets(content, grams);
    }

    /**
     * The style image's Gram matrices. A style larger than {@code tile} (when above 0) is read
     * in tiles of at most that side, so its features never have to fit in memory at once: a
     * Gram matrix is a sum over positions, so G = sum_t M_t G_t / sum_t M_t over the tiles
     * (the same up to the tiles' zero-padded borders).
     */
    public static Map<String, INDArray> styleGrams(java.util.function.BiFunction<INDArray, List<String>, Map<String, INDArray>> features,
                                            INDArray style255, List<String> names, int tile) {
        int h = (int) style255.size(2);
        int w = (int) style255.size(3);
        List<nst.core.Tiles.Tile> tiles = new nst.core.Tiles(w, h, tile > 0 ? tile : Math.max(w, h), 0).tiles();
        Map<String, INDArray> sums = new LinkedHashMap<>();
        Map<String, Double> positions = new LinkedHashMap<>();
        for (nst.core.Tiles.Tile t : tiles) {
            INDArray part = tiles.size() == 1 ? style255 : style255.get(NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.interval(t.y(), t.y() + t.height()), NDArrayIndex.interval(t.x(), t.x() + t.width())).dup('c');
            Map<String, INDArray> f = features.apply(part, names);
            for (String n : names) {
                INDArray fn = f.get(n);
                double m = (double) fn.size(2) * fn.size(3);
                sums.merge(n, Gram.of(fn).muli(m), INDArray::addi);
                positions.merge(n, m, Double::sum);
            }
        }
        sums.replaceAll((n, g) -> g.divi(positions.get(n)));
        return sums;
    }
}
