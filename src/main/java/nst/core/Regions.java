package nst.core;

import java.util.List;
import java.util.Optional;

/**
 * Where the styles apply (spatial control, Gatys et al. CVPR 2017): a label per content pixel,
 * and for each label 1..n the blend weights over the request's style images that its style
 * statistics are matched to (computed over that region only). The background (label 0) takes
 * the blend {@code background} when given; otherwise it keeps the content: it has no style term,
 * and the result is the content there, blended with the styled regions across a band of
 * {@code feather} pixels.
 */
public record Regions(LabelImage labels, List<double[]> weights, Optional<double[]> background, int feather) {
    public Regions {
        weights = List.copyOf(weights);
        if (feather < 0) {
            throw new BadInputException("feather must be 0 or more pixels, was " + feather + ".");
        }
        int max = labels.maxLabel();
        if (max > weights.size()) {
            throw new BadInputException("The region labels go up to " + max + " but there " + (weights.size() == 1 ? "is 1 style image"
                    : "are " + weights.size() + " style images") + " for the regions; label " + (weights.size() + 1)
                    + " has no style. Give one style image per label.");
        }
    }

    /** One region (a selection or mask): every style of the request, blended, inside it; the content outside. */
    public static Regions inside(LabelImage mask, double[] blend, int feather) {
        int[] v = new int[mask.width() * mask.height()];
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                v[y * mask.width() + x] = mask.get(x, y) > 0 ? 1 : 0;
            }
        }
        return new Regions(new LabelImage(mask.width(), mask.height(), v), List.of(blend), Optional.empty(), feather);
    }

    /** Label k (1..n) in the n-th style image alone; the background in {@code backgroundStyle} (an index) or the content. */
    public static Regions oneStyleEach(LabelImage labels, int regions, int styleCount, Optional<Integer> backgroundStyle, int feather) {
        List<double[]> w = new java.util.ArrayList<>();
        for (int k = 0; k < regions; k++) {
            w.add(oneHot(k, styleCount));
        }
        return new Regions(labels, w, backgroundStyle.map(i -> oneHot(i, styleCount)), feather);
    }

    private static double[] oneHot(int i, int n) {
        double[] w = new double[n];
        w[i] = 1;
        return w;
    }

    /** The blend weights of {@code label}'s style, or empty for a background that keeps the content. */
    public Optional<double[]> weightsOf(int label) {
        return label == 0 ? background : Optional.of(weights.get(label - 1));
    }

    /** The labels that have a style term: 1..n, and 0 when the background has a style. */
    public List<Integer> styledLabels() {
        List<Integer> out = new java.util.ArrayList<>();
        if (background.isPresent()) {
            out.add(0);
        }
        for (int k = 1; k <= weights.size(); k++) {
            out.add(k);
        }
        return out;
    }

    /** The same regions over an image of {@code w x h} (a coarser scale): labels resized by nearest neighbour. */
    public Regions at(int w, int h) {
        return new Regions(labels.resized(w, h), weights, background, feather);
    }

    /** The same regions over the tile at (x, y) of size w x h. */
    public Regions crop(int x, int y, int w, int h) {
        return new Regions(labels.crop(x, y, w, h), weights, background, feather);
    }

    /**
     * The result: {@code styled} where the regions are and, when the background keeps the
     * content, {@code content} elsewhere, blended across the feather band.
     */
    public RgbImage composite(RgbImage styled, RgbImage content) {
        if (background.isPresent()) {
            return styled;
        }
        float[] alpha = labels.resized(content.width(), content.height()).featheredForeground(feather);
        float[] s = styled.planarRgb();
        float[] c = content.planarRgb();
        int plane = content.width() * content.height();
        for (int i = 0; i < s.length; i++) {
            float a = alpha[i % plane];
            s[i] = c[i] + a * (s[i] - c[i]);
        }
        return new RgbImage(content.width(), content.height(), s);
    }
}
