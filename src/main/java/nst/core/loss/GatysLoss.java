package nst.core.loss;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nst.core.InputGradientNetwork;
import nst.core.FeatureNetwork;
import nst.core.Losses;
import nst.core.Regions;
import nst.core.TemporalTarget;
import nst.arrays.NativeArrays;
import nst.core.StyleLayer;
import nst.core.StyleParams;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Gatys et al. objective (terms and normalisation in the README, as the PyTorch peer's
 * {@code --loss-norm mean}), with the loss
 * gradients written out by hand and the network's input gradient from a {@link InputGradientNetwork}:
 * <pre>
 * d content / dF = content_weight (F - P) / (N M)
 * d style_l / dF = style_weight w_l (G_l - A_l) F_l / (N_l^2 M_l)
 * d tv / dx      = tv_weight 2 (differences into x minus differences out of x) / (3 H W)
 * </pre>
 * Tested against the SameDiff graph's gradient. No graph interpreter and no weight gradients.
 */
public final class GatysLoss implements Objective {
    private final InputGradientNetwork net;
    private final StyleParams p;
    private final Targets targets;
    private final List<StyleLayer> style;
    private final Set<String> wanted = new LinkedHashSet<>();
    private final EvaluationMemory memory = new EvaluationMemory();
    private final RegionStyle regionStyle;
    private final TemporalTerm temporalTerm;

    public GatysLoss(FeatureNetwork network, InputGradientNetwork net, INDArray content255, List<INDArray> styles255, double[] blend, StyleParams p) {
        this(network, net, content255, styles255, blend, p, null);
    }

    /** As above, with the style targets already computed ({@link #styleGrams()} of another objective), or null. */
    public GatysLoss(FeatureNetwork network, InputGradientNetwork net, INDArray content255, List<INDArray> styles255, double[] blend, StyleParams p,
                           Map<String, INDArray> knownStyleGrams) {
        this(network, net, content255, styles255, blend, p, knownStyleGrams, null);
    }

    /**
     * As above; with {@code regions} (labels at this image's size; null for none) each region's
     * style statistics are matched over that region only ({@link RegionStyle}).
     */
    public GatysLoss(FeatureNetwork network, InputGradientNetwork net, INDArray content255, List<INDArray> styles255, double[] blend, StyleParams p,
                     Map<String, INDArray> knownStyleGrams, Regions regions) {
        this(network, net, content255, styles255, blend, p, knownStyleGrams, regions, null);
    }

    /**
     * As above; with {@code temporal} (null for none) the image is also held to the previous
     * frame's warped result ({@link TemporalTerm}, with the target's weight),
     * and the losses' total includes that term.
     */
    public GatysLoss(FeatureNetwork network, InputGradientNetwork net, INDArray content255, List<INDArray> styles255, double[] blend, StyleParams p,
                     Map<String, INDArray> knownStyleGrams, Regions regions, TemporalTarget temporal) {
        this.temporalTerm = temporal == null || temporal.weight() <= 0 ? null : new TemporalTerm(temporal, temporal.weight());
        this.net = net;
        this.p = p;
        this.regionStyle = regions == null ? null : new RegionStyle(regions);
        this.targets = Targets.compute((image, layers) -> {
            Map<String, INDArray> out = new HashMap<>();
            net.forward(image, new LinkedHashSet<>(layers)).forEach((k, v) -> out.put(k, v.dup()));
            return out;
        }, content255, styles255, blend, p, knownStyleGrams, regions);
        this.style = StyleLayer.normalised(p.styleLayers());
        if (p.contentWeight() > 0) {
            wanted.add(p.contentLayer());
        }
        if (p.styleWeight() > 0) {
            style.stream().filter(l -> l.weight() > 0).forEach(l -> wanted.add(l.name()));
        }
    }

    @Override
    public Map<String, INDArray> styleGrams() {
        return targets.grams();
    }

    /**
     * {@inheritDoc} The network's arrays live in this objective's {@link EvaluationMemory}; the
     * gradient is copied out of it (the TV term is then added to the copy).
     */
    @Override
    public Objective.Evaluation evaluate(INDArray x) {
        double[] terms = new double[2];
        INDArray grad;
        try (MemoryWorkspace scope = memory.open()) {
            grad = networkTerms(x, terms).detach();
        }
        double tv = p.tvWeight() > 0 ? addTv(x, grad, p.tvWeight()) : 0;
        double temporal = temporalTerm == null ? 0 : temporalTerm.add(x, grad);
        return new Objective.Evaluation(new Losses(terms[0] + terms[1] + tv + temporal, terms[0], terms[1], tv, temporal), grad);
    }

    /** Frees the evaluations' memory and what the network keeps. */
    @Override
    public void close() {
        net.close();
        memory.close();
        if (regionStyle != null) {
            regionStyle.close();
        }
        if (temporalTerm != null) {
            temporalTerm.close();
        }
    }

    /** The content and style losses (into {@code terms}) and their gradient with respect to x. */
    private INDArray networkTerms(INDArray x, double[] terms) {
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
                if (regionStyle != null) {
                    INDArray g = Nd4j.zeros(feat.dataType(), feat.shape());
                    styleLoss += regionStyle.add(l.name(), feat, targets.grams(), p.styleWeight() * l.weight(), g);
                    grads.merge(l.name(), g, (a, b) -> {
                        a.addi(b);
                        b.close();
                        return a;
                    });
                    continue;
                }
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
        terms[0] = content;
        terms[1] = styleLoss;
        return grad;
    }

    /**
     * Adds the TV gradient to {@code grad} (in place) and returns the TV loss. A Java loop, one
     * colour plane at a time copied in and out of reused arrays: the same sums as ND4J operations
     * on shifted views took 11.7 ms at 256 px and 40 ms at 512 px (strided views run on libnd4j's
     * slow generic path), this about 2 and 4-6 ms. (Element access through the NIO buffers instead
     * of the copies was as fast under the C2 compiler but 8x slower under C1, which the launchers use.)
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
        FloatBuffer xb = NativeArrays.floats(xs);
        FloatBuffer gb = NativeArrays.floats(gs);
        float[][] scratch = TV_SCRATCH.get();
        if (scratch[0].length < plane) {
            scratch[0] = new float[plane];
            scratch[1] = new float[plane];
        }
        float[] v = scratch[0];
        float[] g = scratch[1];
        double loss = 0;
        for (int p = 0; p < planes; p++) {
            xb.get(p * plane, v, 0, plane);
            gb.get(p * plane, g, 0, plane);
            for (int y = 0; y < h; y++) {
                int row = y * w;
                for (int i = row; i < row + w; i++) {
                    float here = v[i];
                    float step = 0;
                    if (i + 1 < row + w) {
                        float d = v[i + 1] - here;
                        loss += (double) d * d;
                        g[i + 1] += c2 * d;
                        step += d;
                    }
                    if (y + 1 < h) {
                        float d = v[i + w] - here;
                        loss += (double) d * d;
                        g[i + w] += c2 * d;
                        step += d;
                    }
                    g[i] -= c2 * step;
                }
            }
            gb.put(p * plane, g, 0, plane);
        }
        NativeArrays.closeCopy(xs, x);
        if (gs != grad) {
            grad.assign(gs);
            gs.close();
        }
        return coef * loss;
    }

    /** Per thread: one plane of the image and of its gradient, grown as needed and kept. */
    private static final ThreadLocal<float[][]> TV_SCRATCH = ThreadLocal.withInitial(() -> new float[][] {new float[0], new float[0]});

    /** The sum of squares of a contiguous array, by BLAS dot (one pass, no temporary). */
    private static double squaredNorm(INDArray a) {
        INDArray flat = a.reshape(a.length());
        return Nd4j.getBlasWrapper().dot(flat, flat);
    }
}
