package nst.convert;

import ij.process.ImageProcessor;
import java.util.ArrayList;
import java.util.List;
import nst.core.ParamValues;
import nst.core.RgbImage;
import nst.core.StyleImage;

/** The engine's inputs from ImageJ images, sized as the parameters say; shared by every front end. */
public final class Inputs {
    private Inputs() { }

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
