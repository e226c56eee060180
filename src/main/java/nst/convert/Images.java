package nst.convert;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import nst.core.BadInputException;
import nst.core.RgbImage;

/** ImageJ images to and from the engine's {@link RgbImage}, and resizing. */
public final class Images {
    private Images() { }

    /**
     * The current slice as RGB in [0,1]: colour images as they are; 8-bit through their LUT;
     * 16- and 32-bit through their display range (what the user sees).
     */
    public static RgbImage toRgb(ImagePlus imp) {
        return toRgb(imp.getProcessor());
    }

    public static RgbImage toRgb(ImageProcessor ip) {
        ColorProcessor cp = ip instanceof ColorProcessor c ? c : (ColorProcessor) ip.convertToRGB();
        int w = cp.getWidth();
        int h = cp.getHeight();
        int n = w * h;
        float[] v = new float[3 * n];
        int[] px = (int[]) cp.getPixels();
        for (int i = 0; i < n; i++) {
            int c = px[i];
            v[i] = ((c >> 16) & 0xff) / 255f;
            v[n + i] = ((c >> 8) & 0xff) / 255f;
            v[2 * n + i] = (c & 0xff) / 255f;
        }
        return new RgbImage(w, h, v);
    }

    /** An 8-bit-per-channel RGB image, values rounded. */
    public static ImagePlus toImagePlus(RgbImage img, String title) {
        int w = img.width();
        int n = w * img.height();
        float[] v = img.planarRgb();
        int[] px = new int[n];
        for (int i = 0; i < n; i++) {
            px[i] = (to8(v[i]) << 16) | (to8(v[n + i]) << 8) | to8(v[2 * n + i]);
        }
        return new ImagePlus(title, new ColorProcessor(w, img.height(), px));
    }

    /** Resizes (bicubic, averaging when shrinking) so that the longest side is {@code size}. */
    public static ImageProcessor resizeLongestSide(ImageProcessor ip, int size) {
        if (size < 1) {
            throw new BadInputException("size must be at least 1, was " + size + ".");
        }
        int w = ip.getWidth();
        int h = ip.getHeight();
        double scale = (double) size / Math.max(w, h);
        int nw = Math.max(1, (int) Math.round(w * scale));
        int nh = Math.max(1, (int) Math.round(h * scale));
        if (nw == w && nh == h) {
            return ip.duplicate();
        }
        ImageProcessor src = ip.duplicate();
        src.setInterpolationMethod(ImageProcessor.BICUBIC);
        return src.resize(nw, nh, true);
    }

    private static int to8(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255f)));
    }

    /** The current slice as the user sees it: composites merged, LUTs and display ranges applied. */
    public static ImageProcessor displayed(ImagePlus imp) {
        if (imp.getProcessor() == null) {
            throw new nst.core.BadInputException("The image '" + imp.getTitle() + "' has no pixels (was it closed?); open it again.");
        }
        if (imp instanceof ij.CompositeImage ci && ci.getMode() == ij.CompositeImage.COMPOSITE) {
            return imp.flatten().getProcessor();
        }
        return imp.getProcessor();
    }

    /**
     * The pixels of {@code ip} inside {@code bounds} (clipped to the image), as a new image with
     * the same LUT and display range; {@code what} names the image in the error for a patch under
     * 2 x 2 pixels. {@code ip} is not changed.
     */
    public static ImageProcessor crop(ImageProcessor ip, java.awt.Rectangle bounds, String what) {
        java.awt.Rectangle b = bounds.intersection(new java.awt.Rectangle(ip.getWidth(), ip.getHeight()));
        if (b.width < 2 || b.height < 2) {
            throw new nst.core.BadInputException("The selection on " + what + " covers " + Math.max(0, b.width) + "x"
                    + Math.max(0, b.height) + " pixels of the image; select a larger patch, or none for the whole image.");
        }
        ImageProcessor out = ip.createProcessor(b.width, b.height);
        for (int y = 0; y < b.height; y++) {
            for (int x = 0; x < b.width; x++) {
                out.set(x, y, ip.get(b.x + x, b.y + y));
            }
        }
        if (!(ip instanceof ColorProcessor)) {
            out.setColorModel(ip.getColorModel());
            out.setMinAndMax(ip.getMin(), ip.getMax());
        }
        return out;
    }
}
