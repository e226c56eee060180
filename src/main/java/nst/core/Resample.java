package nst.core;

/**
 * Resizes {@link RgbImage}s with a separable triangle (bilinear) filter whose support grows with
 * the reduction factor, so shrinking averages (no aliasing) and enlarging interpolates, as
 * Pillow's antialiased bilinear resize does. Used between the scales of a multi-scale run.
 */
public final class Resample {
    private Resample() { }

    public static RgbImage resize(RgbImage img, int width, int height) {
        if (width == img.width() && height == img.height()) {
            return img;
        }
        float[] src = img.planarRgb();
        float[] tmp = new float[3 * height * img.width()];
        float[] out = new float[3 * height * width];
        Weights wy = Weights.of(img.height(), height);
        Weights wx = Weights.of(img.width(), width);
        for (int c = 0; c < 3; c++) {
            // rows: [h][w] -> [height][w]
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < img.width(); x++) {
                    double s = 0;
                    for (int k = 0; k < wy.count[y]; k++) {
                        s += wy.weight[y][k] * src[(c * img.height() + wy.first[y] + k) * img.width() + x];
                    }
                    tmp[(c * height + y) * img.width() + x] = (float) s;
                }
            }
            // columns: [height][w] -> [height][width]
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double s = 0;
                    for (int k = 0; k < wx.count[x]; k++) {
                        s += wx.weight[x][k] * tmp[(c * height + y) * img.width() + wx.first[x] + k];
                    }
                    out[(c * height + y) * width + x] = (float) Math.max(0, Math.min(1, s));
                }
            }
        }
        return new RgbImage(width, height, out);
    }

    /**
     * The start of a finer scale: the coarser scale's result enlarged to {@code fineStart}'s size,
     * plus the detail of the run's start image that the coarser scale could not hold
     * ({@code fineStart} less {@code coarseStart} enlarged), clamped to [0, 1]. Enlarging the
     * result alone starts the finer scale from a blurred image, whose fine content and texture
     * the first iterations there must first rebuild.
     *
     * @param coarse      the coarser scale's result
     * @param coarseStart the run's start image at the coarser scale (what that scale began from)
     * @param fineStart   the run's start image at the finer scale
     */
    public static RgbImage enlargeWithDetail(RgbImage coarse, RgbImage coarseStart, RgbImage fineStart) {
        int w = fineStart.width();
        int h = fineStart.height();
        float[] out = resize(coarse, w, h).planarRgb();
        float[] blurred = resize(coarseStart, w, h).planarRgb();
        float[] sharp = fineStart.planarRgb();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0, Math.min(1, out[i] + sharp[i] - blurred[i]));
        }
        return new RgbImage(w, h, out);
    }

    /** Per output index: the first input index, how many follow, and their normalised weights. */
    private record Weights(int[] first, int[] count, double[][] weight) {
        static Weights of(int in, int out) {
            double scale = (double) in / out;
            double support = Math.max(1.0, scale);
            int[] first = new int[out];
            int[] count = new int[out];
            double[][] weight = new double[out][];
            for (int i = 0; i < out; i++) {
                double center = (i + 0.5) * scale;
                int lo = Math.max(0, (int) Math.floor(center - support));
                int hi = Math.min(in - 1, (int) Math.ceil(center + support));
                double[] w = new double[hi - lo + 1];
                double sum = 0;
                for (int j = lo; j <= hi; j++) {
                    double d = Math.abs((j + 0.5 - center) / support);
                    w[j - lo] = Math.max(0, 1 - d);
                    sum += w[j - lo];
                }
                if (sum == 0) {
                    w[Math.min(w.length - 1, (int) (center - lo))] = 1;
                    sum = 1;
                }
                for (int k = 0; k < w.length; k++) {
                    w[k] /= sum;
                }
                first[i] = lo;
                count[i] = w.length;
                weight[i] = w;
            }
            return new Weights(first, count, weight);
        }
    }
}
