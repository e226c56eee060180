package nst.convert;

import ij.process.ImageProcessor;
import java.util.ArrayList;
import java.util.List;
import nst.core.BadInputException;
import nst.core.ParamValues;
import nst.core.RgbImage;
import nst.core.StyleImage;

/** The engine's inputs from ImageJ images, sized as the parameters say; shared by every front end. */
public final class Inputs {
    private Inputs() { }

    /**
     * Throws unless the engine's inputs at {@code size} fit in the Java heap: the content resized
     * to {@code size}, and the styles to {@code style_scale} times that (at their real size).
     */
    public static void checkFit(ImageProcessor content, List<ImageProcessor> styles, ParamValues v) {
        checkPixels("content image", content.getWidth(), content.getHeight());
        for (ImageProcessor s : styles) {
            checkPixels("style image", s.getWidth(), s.getHeight());
        }
        int size = v.size();
        double f = (double) size / Math.max(content.getWidth(), content.getHeight());
        long pixels = Math.round(content.getWidth() * f) * Math.round(content.getHeight() * f);
        long side = Math.round(v.styleScale() * size);
        long stylePixels = 0;
        for (ImageProcessor s : styles) {
            double g = (double) side / Math.max(s.getWidth(), s.getHeight());
            stylePixels += Math.round(s.getWidth() * g) * Math.round(s.getHeight() * g);
        }
        HeapMemory.requireInputs(pixels, stylePixels, size);
    }

    /** Throws for an image too small to stylize or to take a style from (1 pixel wide or high). */
    public static void checkPixels(String what, int width, int height) {
        if (width < 2 || height < 2) {
            throw new BadInputException("The " + what + " is " + width + "x" + height
                    + " pixels; use an image of at least a few pixels on each side.");
        }
    }

    /** The content, its longest side resized to {@code size}. */
    public static RgbImage content(ImageProcessor content, ParamValues v) {
        return Images.toRgb(Images.resizeLongestSide(content, v.size()));
    }

    /** The styles, their longest side {@code style_scale} times the content's, with their blend weights. */
    public static List<StyleImage> styles(List<ImageProcessor> styles, RgbImage content, ParamValues v) {
        double[] blend = v.styleBlend(styles.size());
        int side = (int) Math.max(1, Math.round(v.styleScale() * Math.max(content.width(), content.height())));
        List<StyleImage> out = new ArrayList<>();
        for (int i = 0; i < styles.size(); i++) {
            out.add(new StyleImage(Images.toRgb(Images.resizeLongestSide(styles.get(i), side)), blend[i]));
        }
        return out;
    }

    /** The pixels of the largest of the images (for the memory estimate). */
    public static long largestPixels(List<StyleImage> images) {
        return images.stream().mapToLong(s -> (long) s.image().width() * s.image().height()).max().orElse(0);
    }

    /** An image to start from, resized to exactly the content's size. */
    public static RgbImage startImage(ImageProcessor image, RgbImage content) {
        ImageProcessor ip = image.duplicate();
        ip.setInterpolationMethod(ImageProcessor.BICUBIC);
        return Images.toRgb(ip.resize(content.width(), content.height(), true));
    }

    /** A comma-separated list of style names, unless the whole text names one ({@code exists}). */
    public static List<String> splitStyles(String value, java.util.function.Predicate<String> exists) {
        if (exists.test(value)) {
            return List.of(value);
        }
        List<String> out = new ArrayList<>();
        for (String s : value.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
