package nst.testutil;

import java.util.SplittableRandom;
import nst.core.RgbImage;

/** Small seeded images. */
public final class TestImages {
    private TestImages() { }

    /** Smooth gradients plus a little seeded noise. */
    public static RgbImage pattern(int w, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double base = c == 0 ? (double) x / w : c == 1 ? (double) y / h : 0.5 + 0.4 * Math.sin((x + y) * (seed + 1) * 0.7);
                    v[(c * h + y) * w + x] = (float) Math.min(1, Math.max(0, base * 0.8 + 0.2 * r.nextDouble()));
                }
            }
        }
        return new RgbImage(w, h, v);
    }

    /** U and V (BT.601) of one pixel. */
    public static double[] chroma(RgbImage img, int x, int y) {
        double r = img.get(0, x, y);
        double g = img.get(1, x, y);
        double b = img.get(2, x, y);
        return new double[] {-0.14713 * r - 0.28886 * g + 0.436 * b, 0.615 * r - 0.51499 * g - 0.10001 * b};
    }
}
