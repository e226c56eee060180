package nst.core;

import java.util.Arrays;

/**
 * An immutable RGB image: planar channels R, G, B (CHW order), values in [0, 1].
 * This is the only image type the engine sees; front ends convert to and from it.
 */
public final class RgbImage {
    private final int width;
    private final int height;
    private final float[] chw;

    /** Copies {@code planarRgb} (length 3*width*height, R plane then G then B, values in [0,1]). */
    public RgbImage(int width, int height, float[] planarRgb) {
        if (width < 1 || height < 1) {
            throw new BadInputException("Image size must be at least 1x1, was " + width + "x" + height + ".");
        }
        if (planarRgb.length != 3L * width * height) {
            throw new IllegalArgumentException("expected " + 3L * width * height + " values, got " + planarRgb.length);
        }
        for (float v : planarRgb) {
            if (!Float.isFinite(v)) {
                throw new BadInputException("The image contains NaN or infinite pixel values; convert it to a normal image first.");
            }
        }
        this.width = width;
        this.height = height;
        this.chw = planarRgb.clone();
    }

    public int width() { return width; }

    public int height() { return height; }

    /** A copy of the planar RGB values in [0,1]. */
    public float[] planarRgb() { return chw.clone(); }

    /** One value, channel c (0=R,1=G,2=B), at (x, y). */
    public float get(int c, int x, int y) { return chw[(c * height + y) * width + x]; }

    /** The {@code w} x {@code h} region whose top left corner is (x, y). */
    public RgbImage crop(int x, int y, int w, int h) {
        if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("crop " + w + "x" + h + "+" + x + "+" + y + " outside " + width + "x" + height);
        }
        float[] out = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < h; r++) {
                System.arraycopy(chw, (c * height + y + r) * width + x, out, (c * h + r) * w, w);
            }
        }
        return new RgbImage(w, h, out);
    }

    /** A copy of this image with {@code part} written over it, its top left corner at (x, y): the inverse of {@link #crop}. */
    public RgbImage paste(RgbImage part, int x, int y) {
        if (x < 0 || y < 0 || x + part.width > width || y + part.height > height) {
            throw new IllegalArgumentException("paste " + part.width + "x" + part.height + "+" + x + "+" + y + " outside " + width + "x" + height);
        }
        float[] out = chw.clone();
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < part.height; r++) {
                System.arraycopy(part.chw, (c * part.height + r) * part.width, out, (c * height + y + r) * width + x, part.width);
            }
        }
        return new RgbImage(width, height, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage r && r.width == width && r.height == height && Arrays.equals(r.chw, chw);
    }

    @Override
    public int hashCode() { return 31 * (31 * width + height) + Arrays.hashCode(chw); }

    @Override
    public String toString() { return "RgbImage[" + width + "x" + height + "]"; }
}
