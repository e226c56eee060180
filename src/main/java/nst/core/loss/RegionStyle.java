package nst.core.loss;

import java.util.HashMap;
import java.util.Map;
import nst.core.Regions;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The style term of one layer over the regions of a {@link Regions} (spatial control): for each
 * region k, the features masked by the region's coverage of each feature-map cell, m_k, give a
 * Gram matrix G_k = (F m_k)(F m_k)^T / N_k with N_k = sum(m_k^2), matched to that region's
 * target. Each region's loss is weighted by its share N_k / M of the map, so a pixel is pulled
 * as hard as in a run without regions:
 * <pre>
 * style_l,k   = style_weight w_l (N_k / M) |G_k - A_k|^2 / (4 N_l^2)
 * d / dF      = style_weight w_l (G_k - A_k) (F m_k) m_k / (N_l^2 M)
 * </pre>
 * On a region of whole cells (m_k 0 or 1) G_k is the plain Gram matrix of those cells' features.
 */
final class RegionStyle implements AutoCloseable {
    private final Regions regions;
    /** "label/layer" -> the coverage row [1, M] at that layer's size, and its N_k. */
    private final Map<String, INDArray> masks = new HashMap<>();
    private final Map<String, Double> sums = new HashMap<>();

    RegionStyle(Regions regions) {
        this.regions = regions;
    }

    /** The masked Gram matrix of features [1,N,H,W] under a coverage row [1, H*W]: (F m)(F m)^T / sum(m^2). */
    static INDArray maskedGram(INDArray feat, INDArray mask) {
        long n = feat.size(1);
        long m = feat.size(2) * feat.size(3);
        INDArray fm = feat.reshape('c', n, m).mulRowVector(mask);
        double nk = mask.mul(mask).sumNumber().doubleValue();
        return Nd4j.gemm(fm, fm, false, true).divi(nk);
    }

    /**
     * Adds layer {@code layer}'s style terms over every styled region to {@code grad} ([1,N,H,W],
     * like {@code feat}) and returns their loss; {@code targets} holds each region's Gram target
     * under "label/layer".
     */
    double add(String layer, INDArray feat, Map<String, INDArray> targets, double weight, INDArray grad) {
        long n = feat.size(1);
        long m = feat.size(2) * feat.size(3);
        INDArray f2 = feat.reshape('c', n, m);
        INDArray g2 = grad.reshape('c', n, m);
        double loss = 0;
        for (int label : regions.styledLabels()) {
            INDArray mask = mask(label, layer, feat);
            double nk = sums.get(label + "/" + layer);
            if (nk <= 0) {
                continue;
            }
            INDArray fm = f2.mulRowVector(mask);
            INDArray diff = Nd4j.gemm(fm, fm, false, true).divi(nk).subi(targets.get(label + "/" + layer));
            double share = nk / m;
            INDArray flat = diff.reshape(diff.length());
            loss += weight * share * Nd4j.getBlasWrapper().dot(flat, flat) / (4.0 * n * n);
            INDArray d = Nd4j.gemm(diff, fm, false, false).muli(weight / ((double) n * n * m)).muliRowVector(mask);
            g2.addi(d);
            d.close();
            diff.close();
            fm.close();
        }
        return loss;
    }

    /** The coverage of {@code label} at this layer's size, made once (outside any workspace, so evaluations may reuse it). */
    private INDArray mask(int label, String layer, INDArray feat) {
        String key = label + "/" + layer;
        INDArray mask = masks.get(key);
        if (mask == null) {
            float[] c = regions.labels().coverage(label, (int) feat.size(3), (int) feat.size(2));
            try (MemoryWorkspace none = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                mask = Nd4j.create(c, new long[] {1, c.length}, 'c').castTo(feat.dataType());
            }
            double nk = 0;
            for (float v : c) {
                nk += (double) v * v;
            }
            masks.put(key, mask);
            sums.put(key, nk);
        }
        return mask;
    }

    @Override
    public void close() {
        masks.values().forEach(INDArray::close);
        masks.clear();
    }
}
