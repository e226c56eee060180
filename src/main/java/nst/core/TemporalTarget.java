package nst.core;

/**
 * The temporal term of a frame after the first (Ruder et al. 2016): the previous result warped
 * to this frame, a weight per pixel (1 where the flow is consistent, 0 where the pixel was
 * occluded), and the term's weight. The objective adds
 * {@code weight x sum(weights (x - warped)^2) / (3 H W)}, x in 0..255.
 */
public record TemporalTarget(RgbImage warped, float[] weights, double weight) {
    public TemporalTarget {
        if (!(weight >= 0) || !Double.isFinite(weight)) {
            throw new BadInputException("temporal_weight must be a number >= 0, was " + weight + ".");
        }
        if (weights.length != warped.width() * warped.height()) {
            throw new IllegalArgumentException("one weight per pixel of the warped image");
        }
        weights = weights.clone();
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }

    /** The same over an image of {@code w x h} (a coarser scale). */
    public TemporalTarget at(int w, int h) {
        if (w == warped.width() && h == warped.height()) {
            return this;
        }
        return new TemporalTarget(Resample.resize(warped, w, h), Warp.resizeWeights(weights, warped.width(), warped.height(), w, h), weight);
    }

    /** The part at (x, y) of size w x h (a tile). */
    public TemporalTarget crop(int x, int y, int w, int h) {
        float[] out = new float[w * h];
        for (int r = 0; r < h; r++) {
            System.arraycopy(weights, (y + r) * warped.width() + x, out, r * w, w);
        }
        return new TemporalTarget(warped.crop(x, y, w, h), out, weight);
    }
}
