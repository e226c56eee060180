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

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage r && r.width == width && r.height == height && Arrays.equals(r.chw, chw);
    }

    @Override
    public int hashCode() { return 31 * (31 * width + height) + Arrays.hashCode(chw); }

    @Override
    public String toString() { return "RgbImage[" + width + "x" + height + "]"; }
}
