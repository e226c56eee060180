package nst.convert;

import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import java.util.Optional;
import java.util.function.Consumer;
import nst.core.BadInputException;
import nst.core.LabelImage;
import nst.core.Regions;

/**
 * A mask or a label image, as ImageJ holds it, turned into the engine's {@link Regions} at the
 * result's size: checked against the content's size (or resized by nearest neighbour when only
 * the aspect ratio matches, which the log says), and against the style images it refers to.
 */
public final class RegionInputs {
    private RegionInputs() { }

    /** What the regions are made from: the image, and whether it is a mask (above 0 = every style, blended) or labels (n = the n-th style). */
    public record Source(ImageProcessor image, boolean mask) { }

    /**
     * The regions over a result of {@code result}'s size, from {@code source} drawn over the
     * content ({@code contentWidth x contentHeight}); {@code styles} style images (the last of them
     * the background's when {@code backgroundStyle}), {@code blend} their weights (mask mode).
     */
    public static Regions regions(Source source, int contentWidth, int contentHeight, int resultWidth, int resultHeight, int styles,
                                  boolean backgroundStyle, double[] blend, int feather, Consumer<String> log) {
        LabelImage labels = fit(labels(source), contentWidth, contentHeight, resultWidth, resultHeight, log);
        if (source.mask()) {
            return Regions.inside(labels, blend, feather);
        }
        // a label without a style, or a style without a pixel, is refused by Regions and the request
        int regionStyles = backgroundStyle ? styles - 1 : styles;
        return Regions.oneStyleEach(labels, regionStyles, styles, backgroundStyle ? Optional.of(styles - 1) : Optional.empty(), feather);
    }

    /** The pixel values as labels: a mask's pixels above 0 are 1; a label image must be 8-, 16- or 32-bit with whole values. */
    static LabelImage labels(Source source) {
        ImageProcessor ip = source.image();
        int w = ip.getWidth();
        int h = ip.getHeight();
        int[] v = new int[w * h];
        if (!source.mask() && ip instanceof ColorProcessor) {
            throw new BadInputException("The region image is RGB; give an 8- or 16-bit label image (0 = background, 1..n = the n-th style image).");
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double value = ip instanceof FloatProcessor ? ip.getPixelValue(x, y) : ip instanceof ColorProcessor ? ip.get(x, y) & 0xffffff : ip.get(x, y);
                if (source.mask()) {
                    v[y * w + x] = value > 0 ? 1 : 0;
                } else if (value != Math.rint(value) || value < 0) {
                    throw new BadInputException("The region image holds " + value + " at " + x + "," + y
                            + "; labels are whole numbers: 0 = background, 1..n = the n-th style image.");
                } else {
                    v[y * w + x] = (int) value;
                }
            }
        }
        return new LabelImage(w, h, v);
    }

    /** The labels at the result's size: from the content's size, or another size of the same aspect ratio (said in the log). */
    static LabelImage fit(LabelImage labels, int contentWidth, int contentHeight, int resultWidth, int resultHeight, Consumer<String> log) {
        if (labels.width() != contentWidth || labels.height() != contentHeight) {
            double ratio = (double) labels.width() / labels.height();
            double contentRatio = (double) contentWidth / contentHeight;
            if (Math.abs(ratio / contentRatio - 1) > 0.01) {
                throw new BadInputException("The region image is " + labels.width() + "x" + labels.height() + " but the content is " + contentWidth
                        + "x" + contentHeight + ", another aspect ratio; give a label image of the content's size.");
            }
            log.accept("The region image is " + labels.width() + "x" + labels.height() + " and the content " + contentWidth + "x" + contentHeight
                    + ": the labels were resized to the content by nearest neighbour.");
        }
        return labels.resized(resultWidth, resultHeight);
    }
}
