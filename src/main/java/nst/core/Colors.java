package nst.core;

/** Colour operations on {@link RgbImage}s for the {@link ColorMode}s. */
public final class Colors {
    private static final int BINS = 1024;

    private Colors() { }

    /**
     * The luminance (BT.601 Y) of {@code stylized} with the chroma (U, V) of {@code content}, the
     * same size: the result keeps the content's colours (neural-style's -original_colors 1).
     */
    public static RgbImage originalColors(RgbImage stylized, RgbImage content) {
        int n = content.width() * content.height();
        float[] s = stylized.planarRgb();
        float[] c = content.planarRgb();
        float[] out = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double y = 0.299 * s[i] + 0.587 * s[n + i] + 0.114 * s[2 * n + i];
            double u = -0.14713 * c[i] - 0.28886 * c[n + i] + 0.436 * c[2 * n + i];
            double v = 0.615 * c[i] - 0.51499 * c[n + i] - 0.10001 * c[2 * n + i];
            out[i] = clamp(y + 1.13983 * v);
            out[n + i] = clamp(y - 0.39465 * u - 0.58060 * v);
            out[2 * n + i] = clamp(y + 2.03211 * u);
        }
        return new RgbImage(content.width(), content.height(), out);
    }

    /** {@code style} with each channel's histogram matched to {@code reference}'s (CDF matching). */
    public static RgbImage matchHistogram(RgbImage style, RgbImage reference) {
        int n = style.width() * style.height();
        int m = reference.width() * reference.height();
        float[] s = style.planarRgb();
        float[] r = reference.planarRgb();
        float[] out = new float[3 * n];
        for (int c = 0; c < 3; c++) {
            double[] cdfS = cdf(s, c * n, n);
            double[] cdfR = cdf(r, c * m, m);
            float[] map = new float[BINS];
            int j = 0;
            for (int i = 0; i < BINS; i++) {
                while (j < BINS - 1 && cdfR[j] < cdfS[i]) {
                    j++;
                }
                map[i] = (j + 0.5f) / BINS;
            }
            for (int i = 0; i < n; i++) {
                out[c * n + i] = map[bin(s[c * n + i])];
            }
        }
        return new RgbImage(style.width(), style.height(), out);
    }

    private static double[] cdf(float[] v, int offset, int n) {
        double[] h = new double[BINS];
        for (int i = 0; i < n; i++) {
            h[bin(v[offset + i])]++;
        }
        double acc = 0;
        for (int i = 0; i < BINS; i++) {
            acc += h[i] / n;
            h[i] = acc;
        }
        return h;
    }

    private static int bin(float v) {
        return Math.max(0, Math.min(BINS - 1, (int) (v * BINS)));
    }

    private static float clamp(double v) {
        return (float) Math.max(0, Math.min(1, v));
    }
}
