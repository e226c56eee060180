package nst.core;

/** Separable filters on a weight per pixel (row by row): growing a region, and box blurs. */
final class Masks {
    private Masks() { }

    /** The maximum over a (2r+1) x (2r+1) square around each pixel (grows the non-zero region by r). */
    static float[] dilate(float[] a, int w, int h, int r) {
        if (r < 1) {
            return a.clone();
        }
        return filter(filter(a, w, h, r, true, true), w, h, r, false, true);
    }

    /** The mean over a (2r+1) x (2r+1) square around each pixel, the window clipped at the borders. */
    static float[] boxBlur(float[] a, int w, int h, int r) {
        return filter(filter(a, w, h, r, true, false), w, h, r, false, false);
    }

    private static float[] filter(float[] a, int w, int h, int r, boolean alongRows, boolean max) {
        float[] out = new float[a.length];
        int lines = alongRows ? h : w;
        int n = alongRows ? w : h;
        for (int line = 0; line < lines; line++) {
            for (int i = 0; i < n; i++) {
                float acc = 0f;
                int count = 0;
                for (int j = Math.max(0, i - r); j <= Math.min(n - 1, i + r); j++) {
                    float v = a[alongRows ? line * w + j : j * w + line];
                    acc = max ? Math.max(acc, v) : acc + v;
                    count++;
                }
                out[alongRows ? line * w + i : i * w + line] = max ? acc : acc / count;
            }
        }
        return out;
    }
}
