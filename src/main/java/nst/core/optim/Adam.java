package nst.core.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Adam (Kingma and Ba), as torch.optim.Adam: betas (0.9, 0.999), eps 1e-8, no weight decay. */
public final class Adam implements ImageOptimizer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final double learningRate;
    private INDArray m;
    private INDArray v;
    private int t;

    public Adam(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public INDArray step(INDArray x, INDArray g) {
        if (m == null) {
            m = x.ulike().assign(0);
            v = x.ulike().assign(0);
        }
        t++;
        try (INDArray g1 = g.mul(1 - BETA1); INDArray g2 = g.mul(g).muli(1 - BETA2)) {
            m.muli(BETA1).addi(g1);
            v.muli(BETA2).addi(g2);
        }
        double bc1 = 1 - Math.pow(BETA1, t);
        double bc2 = 1 - Math.pow(BETA2, t);
        try (INDArray step = Transforms.sqrt(v, true).divi(Math.sqrt(bc2)).addi(EPS).rdivi(m).muli(learningRate / bc1)) {
            return x.sub(step);
        }
    }
}
