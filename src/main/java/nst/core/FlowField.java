package nst.core;

/**
 * A dense optical flow: for each pixel (x, y) of one frame, the displacement (u, v) to where it
 * is in another frame, in pixels, row by row. Immutable (the arrays are copied in and never handed
 * out).
 */
public final class FlowField {
    private final int width;
    private final int height;
    private final float[] u;
    private final float[] v;

    public FlowField(int width, int height, float[] u, float[] v) {
        if (u.length != (long) width * height || v.length != u.length) {
            throw new IllegalArgumentException("expected " + width + "x" + height + " vectors");
        }
        this.width = width;
        this.height = height;
        this.u = u.clone();
        this.v = v.clone();
    }

    public int width() { return width; }

    public int height() { return height; }

    public float u(int x, int y) { return u[y * width + x]; }

    public float v(int x, int y) { return v[y * width + x]; }

    /** The displacement at a point between pixels, bilinear (clamped at the borders). */
    float[] at(double x, double y) {
        return new float[] {Warp.bilinear(u, width, height, x, y), Warp.bilinear(v, width, height, x, y)};
    }

    /** The same flow over an image of {@code w x h}: sampled at the matching points, the vectors scaled by the size ratio. */
    public FlowField resized(int w, int h) {
        if (w == width && h == height) {
            return this;
        }
        float[] nu = new float[w * h];
        float[] nv = new float[w * h];
        double sx = (double) width / w;
        double sy = (double) height / h;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double fx = (x + 0.5) * sx - 0.5;
                double fy = (y + 0.5) * sy - 0.5;
                nu[y * w + x] = (float) (Warp.bilinear(u, width, height, fx, fy) / sx);
                nv[y * w + x] = (float) (Warp.bilinear(v, width, height, fx, fy) / sy);
            }
        }
        return new FlowField(w, h, nu, nv);
    }
}
