package nst.core;

/**
 * Warping along an optical flow and the checks of Ruder, Dosovitskiy and Brox, "Artistic style
 * transfer for videos" (GCPR 2016): the previous stylized frame brought to the new frame's
 * pixels, the pixels where the forward and backward flows disagree (occluded or disoccluded),
 * and the flicker between frames.
 */
public final class Warp {
    private Warp() { }

    /**
     * {@code image} (a frame) brought to the pixels of the next one: pixel p takes the colour at
     * p + {@code toPrevious}(p), where {@code toPrevious} is the flow from the next frame back to
     * this one. Bilinear, clamped at the borders.
     */
    public static RgbImage warp(RgbImage image, FlowField toPrevious) {
        int w = toPrevious.width();
        int h = toPrevious.height();
        RgbImage img = image.width() == w && image.height() == h ? image : Resample.resize(image, w, h);
        float[] src = img.planarRgb();
        float[] out = new float[3 * w * h];
        int plane = w * h;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sx = x + toPrevious.u(x, y);
                double sy = y + toPrevious.v(x, y);
                for (int c = 0; c < 3; c++) {
                    out[c * plane + y * w + x] = bilinear(src, c * plane, w, h, sx, sy);
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    /**
     * A weight per pixel of the next frame: 1 where following {@code backward} (next to previous)
     * and then {@code forward} (previous to next) comes back to the pixel, 0 where it does not
     * (the pixel was occluded in the previous frame, or the flow is unreliable there), by the
     * paper's test |b + f(p + b)|^2 > 0.01 (|b|^2 + |f(p + b)|^2) + 0.5.
     */
    public static float[] consistency(FlowField backward, FlowField forward) {
        int w = backward.width();
        int h = backward.height();
        float[] c = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float bu = backward.u(x, y);
                float bv = backward.v(x, y);
                double px = x + bu;
                double py = y + bv;
                boolean inside = px >= 0 && py >= 0 && px <= w - 1 && py <= h - 1;
                float[] f = forward.at(px, py);
                double du = bu + f[0];
                double dv = bv + f[1];
                double lhs = du * du + dv * dv;
                double rhs = 0.01 * (bu * bu + bv * bv + f[0] * f[0] + f[1] * f[1]) + 0.5;
                c[y * w + x] = inside && lhs <= rhs ? 1f : 0f;
            }
        }
        return c;
    }

    /**
     * The flicker between a frame and the previous one warped to it: the mean absolute difference
     * (0..255 scale, over the three channels) over the pixels whose weight is 1; 0 when none is.
     */
    public static double flicker(RgbImage frame, RgbImage warpedPrevious, float[] weights) {
        double sum = 0;
        long n = 0;
        int plane = frame.width() * frame.height();
        float[] a = frame.planarRgb();
        float[] b = warpedPrevious.planarRgb();
        for (int i = 0; i < plane; i++) {
            if (weights[i] >= 0.5f) {
                for (int c = 0; c < 3; c++) {
                    sum += Math.abs(a[c * plane + i] - b[c * plane + i]);
                }
                n += 3;
            }
        }
        return n == 0 ? 0 : 255 * sum / n;
    }

    /** The weights resized to {@code w x h} (nearest neighbour: a pixel is reliable or not). */
    public static float[] resizeWeights(float[] weights, int width, int height, int w, int h) {
        if (w == width && h == height) {
            return weights.clone();
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            int sy = Math.min(height - 1, (int) ((y + 0.5) * height / h));
            for (int x = 0; x < w; x++) {
                out[y * w + x] = weights[sy * width + Math.min(width - 1, (int) ((x + 0.5) * width / w))];
            }
        }
        return out;
    }

    static float bilinear(float[] a, int w, int h, double x, double y) {
        return bilinear(a, 0, w, h, x, y);
    }

    private static float bilinear(float[] a, int offset, int w, int h, double x, double y) {
        double cx = Math.max(0, Math.min(w - 1, x));
        double cy = Math.max(0, Math.min(h - 1, y));
        int x0 = (int) Math.floor(cx);
        int y0 = (int) Math.floor(cy);
        int x1 = Math.min(w - 1, x0 + 1);
        int y1 = Math.min(h - 1, y0 + 1);
        double fx = cx - x0;
        double fy = cy - y0;
        double top = a[offset + y0 * w + x0] * (1 - fx) + a[offset + y0 * w + x1] * fx;
        double bottom = a[offset + y1 * w + x0] * (1 - fx) + a[offset + y1 * w + x1] * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }
}
