package nst.core.loss;

import nst.core.TemporalTarget;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The short-term temporal loss of Ruder et al. (2016): the image held to the previous result
 * warped to this frame, where the flow is consistent.
 * <pre>
 * temporal = temporal_weight sum(c (x - w)^2) / (3 H W)      d / dx = 2 temporal_weight c (x - w) / (3 H W)
 * </pre>
 * (x and w in 0..255, c the 0/1 consistency weights).
 */
final class TemporalTerm implements AutoCloseable {
    private final INDArray target255;
    private final INDArray weights;
    private final double weight;

    TemporalTerm(TemporalTarget t, double weight) {
        int w = t.warped().width();
        int h = t.warped().height();
        float[] v = t.warped().planarRgb();
        for (int i = 0; i < v.length; i++) {
            v[i] *= 255f;
        }
        float[] c = t.weights();
        float[] c3 = new float[3 * c.length];
        for (int k = 0; k < 3; k++) {
            System.arraycopy(c, 0, c3, k * c.length, c.length);
        }
        this.target255 = Nd4j.create(v, new long[] {1, 3, h, w}, 'c');
        this.weights = Nd4j.create(c3, new long[] {1, 3, h, w}, 'c');
        this.weight = weight;
    }

    /** Adds the term's gradient to {@code grad} and returns its loss. */
    double add(INDArray x, INDArray grad) {
        double norm = 3.0 * x.size(2) * x.size(3);
        try (INDArray d = x.castTo(target255.dataType()).sub(target255).muli(weights)) {
            INDArray flat = d.reshape(d.length());
            double loss = weight * Nd4j.getBlasWrapper().dot(flat, flat) / norm;
            grad.addi(d.muli(2 * weight / norm).castTo(grad.dataType()));
            return loss;
        }
    }

    @Override
    public void close() {
        target255.close();
        weights.close();
    }
}
