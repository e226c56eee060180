package nst.core.loss;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nst.core.DirectNetwork;
import nst.core.FeatureNetwork;
import nst.core.Losses;
import nst.core.NativeArrays;
import nst.core.StyleLayer;
import nst.core.StyleParams;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The same objective as {@link GatysObjective} (same terms and normalisation), with the loss
 * gradients written out by hand and the network's input gradient from a {@link DirectNetwork}:
 * <pre>
 * d content / dF = content_weight (F - P) / (N M)
 * d style_l / dF = style_weight w_l (G_l - A_l) F_l / (N_l^2 M_l)
 * d tv / dx      = tv_weight 2 (differences into x minus differences out of x) / (3 H W)
 * </pre>
 * Tested against the SameDiff graph's gradient. No graph interpreter and no weight gradients.
 */
public final class DirectObjective implements Objective {
    private final DirectNetwork net;
    private final StyleParams p;
    private final GatysObjective.Targets targets;
    private final List<StyleLayer> style;
    private final Set<String> wanted = new LinkedHashSet<>();

    public DirectObjective(FeatureNetwork network, DirectNetwork net, INDArray content255, List<INDArray> styles255, double[] blend, StyleParams p) {
        this.net = net;
        this.p = p;
        this.targets = GatysObjective.Targets.compute((image, layers) -> {
            Map<String, INDArray> out = new HashMap<>();
            net.forward(image, new LinkedHashSet<>(layers)).forEach((k, v) -> out.put(k, v.dup()));
            return out;
        }, content255, styles255, blend, p);
        this.style = GatysObjective.normalised(p.styleLayers());
        if (p.contentWeight() > 0) {
            wanted.add(p.contentLayer());
        }
        if (p.styleWeight() > 0) {
            style.stream().filter(l -> l.weight() > 0).forEach(l -> wanted.add(l.name()));
        }
    }

    @Override
    public GatysObjective.Evaluation evaluate(INDArray x) {
        Map<String, INDArray> f = wanted.isEmpty() ? Map.of() : net.forward(x, wanted);
        Map<String, INDArray> grads = new HashMap<>();
        double content = 0;
        if (p.contentWeight() > 0) {
            INDArray feat = f.get(p.contentLayer());
            double nm = (double) feat.size(1) * feat.size(2) * feat.size(3);
            INDArray d = feat.sub(targets.content());
            content = p.contentWeight() * 0.5 * squaredNorm(d) / nm;
            grads.put(p.contentLayer(), d.muli(p.contentWeight() / nm));
        }
        double styleLoss = 0;
        if (p.styleWeight() > 0) {
            for (StyleLayer l : style) {
                if (l.weight() <= 0) {
                    continue;
                }
                INDArray feat = f.get(l.name());
                long n = feat.size(1);
                long m = feat.size(2) * feat.size(3);
                INDArray f2 = feat.reshape('c', n, m);
                INDArray diff = Gram.of(feat).subi(targets.grams().get(l.name()));
                double w = p.styleWeight() * l.weight();
                styleLoss += w * squaredNorm(diff) / (4.0 * n * n);
                // BLAS gemm (3-7x faster here than INDArray.mmul), written straight into an array of
                // the feature map's shape: a reshaped result would be a view, which close() skips
                INDArray g = Nd4j.createUninitialized(feat.dataType(), feat.shape());
                Nd4j.gemm(diff, f2, g.reshape('c', n, m), false, false, w / ((double) n * n * m), 0.0);
                diff.close();
                grads.merge(l.name(), g, (a, b) -> {
                    a.addi(b);
                    b.close();
                    return a;
                });
            }
        }
        INDArray grad = wanted.isEmpty() ? x.ulike().assign(0) : net.backward(grads);
        grads.values().forEach(INDArray::close);
        double tv = p.tvWeight() > 0 ? addTv(x, grad, p.tvWeight()) : 0;
        return new GatysObjective.Evaluation(new Losses(content + styleLoss + tv, content, styleLoss, tv), grad);
    }

    /**
     * Adds the TV gradient to {@code grad} (in place) and returns the TV loss. A Java loop over the
     * values: the same sums as ND4J operations on shifted views took 11.7 ms at 256 px and 40 ms at
     * 512 px (strided views run on libnd4j's slow generic path), this takes well under 1 ms.
     */
    static double addTv(INDArray x, INDArray grad, double weight) {
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        int plane = h * w;
        int planes = (int) (x.length() / plane);
        double coef = weight / (3.0 * h * w);
        float c2 = (float) (2 * coef);
        INDArray xs = NativeArrays.directFloats(x);
        INDArray gs = NativeArrays.directFloats(grad);
        // absolute NIO access, no Java arrays: an 0.8 MB float[] (256 px) costs G1 about 0.5 ms to allocate
        FloatBuffer v = NativeArrays.floats(xs);
        FloatBuffer g = NativeArrays.floats(gs);
        double loss = 0;
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < h; y++) {
                int row = p * plane + y * w;
                for (int i = row; i < row + w; i++) {
                    float here = v.get(i);
                    float step = 0;
                    if (i + 1 < row + w) {
                        float d = v.get(i + 1) - here;
                        loss += (double) d * d;
                        g.put(i + 1, g.get(i + 1) + c2 * d);
                        step += d;
                    }
                    if (y + 1 < h) {
                        float d = v.get(i + w) - here;
                        loss += (double) d * d;
                        g.put(i + w, g.get(i + w) + c2 * d);
                        step += d;
                    }
                    g.put(i, g.get(i) - c2 * step);
                }
            }
        }
        if (xs != x) {
            xs.close();
        }
        if (gs != grad) {
            grad.assign(gs);
            gs.close();
        }
        return coef * loss;
    }

    /** The sum of squares of a contiguous array, by BLAS dot (one pass, no temporary). */
    private static double squaredNorm(INDArray a) {
        INDArray flat = a.reshape(a.length());
        return Nd4j.getBlasWrapper().dot(flat, flat);
    }
}
