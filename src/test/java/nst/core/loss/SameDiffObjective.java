package nst.core.loss;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nst.core.FeatureNetwork;
import nst.core.Losses;
import nst.core.StyleLayer;
import nst.core.StyleParams;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Gatys et al. (CVPR 2016) objective on an RGB image x in 0..255 ([1,3,H,W]), with the
 * normalisation of the PyTorch peer ({@code --loss-norm mean}), so weights mean the same there:
 * <pre>
 * content = content_weight * 0.5 * sum((F - P)^2) / (N*M)            F, P: content layer of x, content
 * style   = style_weight * sum_l w_l * sum((G_l - A_l)^2) / (4 N_l^2)  G_l = F_l F_l^T / M_l
 *           (= Gatys' 1/(4 N^2 M^2) on unnormalised Grams when style and result have the same M)
 * tv      = tv_weight * (sum (x[i,j+1]-x[i,j])^2 + sum (x[i+1,j]-x[i,j])^2) / (3*H*W)
 * </pre>
 * N = channels and M = height*width of a layer; w_l are the style layer weights divided by their
 * sum. The whole loss is one SameDiff graph, so a single backward pass gives d(total)/dx: the
 * automatically differentiated oracle that {@link GatysLoss}'s hand-written gradients are
 * tested against.
 */
public final class SameDiffObjective implements Objective {
    private static final String IMAGE = "image";
    private static final List<String> OUTPUTS = List.of("total", "content", "style", "tv");

    private final SameDiff sd;
    private final Map<String, INDArray> styleGrams;


    /**
     * @param content255 content image, [1,3,H,W], 0..255; the result has its size
     * @param styles255  style images, each [1,3,Hs,Ws], 0..255. Several style images: the style targets are the blend of their Gram matrices,
     * A_l = sum_i b_i A_l(style_i), with blend weights b_i summing to 1 (as neural-style).
     */
    public SameDiffObjective(FeatureNetwork net, INDArray content255, List<INDArray> styles255, double[] blend, StyleParams p) {
        this(net, content255, styles255, blend, p, null);
    }

    /** As above, with the style targets already computed ({@link #styleGrams()} of another objective), or null. */
    public SameDiffObjective(FeatureNetwork net, INDArray content255, List<INDArray> styles255, double[] blend, StyleParams p,
                          Map<String, INDArray> knownStyleGrams) {
        Targets t = Targets.compute((image, layers) -> features(net, image, layers), content255, styles255, blend, p, knownStyleGrams);
        this.styleGrams = t.grams();
        this.sd = SameDiff.create();
        SDVariable x = sd.var(IMAGE, content255.dup());
        List<StyleLayer> style = StyleLayer.normalised(p.styleLayers());
        Set<String> wanted = new LinkedHashSet<>();
        if (p.contentWeight() > 0) {
            wanted.add(p.contentLayer());
        }
        if (p.styleWeight() > 0) {
            style.forEach(l -> wanted.add(l.name()));
        }
        Map<String, SDVariable> f = wanted.isEmpty() ? Map.of() : net.define(sd, x, wanted);
        long h = content255.size(2);
        long w = content255.size(3);
        SDVariable content = p.contentWeight() > 0
                ? contentLoss(f.get(p.contentLayer()), t.content(), p.contentWeight()) : zero(x);
        SDVariable styleLoss = zero(x);
        for (StyleLayer l : style) {
            if (p.styleWeight() > 0 && l.weight() > 0) {
                long m = (long) net.outputSide((int) h, l.name()) * net.outputSide((int) w, l.name());
                styleLoss = styleLoss.add(styleLayerLoss(f.get(l.name()), m, t.grams().get(l.name()), p.styleWeight() * l.weight()));
            }
        }
        SDVariable tv = p.tvWeight() > 0 ? tvLoss(x, h, w, p.tvWeight()) : zero(x);
        sd.identity("total", sd.identity("content", content).add(sd.identity("style", styleLoss)).add(sd.identity("tv", tv)));
        sd.setLossVariables("total");
        SameDiffNoise.quietly(sd::createGradFunction);
    }

    @Override
    public Map<String, INDArray> styleGrams() {
        return styleGrams;
    }

    @Override
    public Objective.Evaluation evaluate(INDArray x255) {
        sd.getVariable(IMAGE).getArr().assign(x255);
        OutAndGrad og = sd.calculateGradientsAndOutputs(Map.of(), OUTPUTS, List.of(IMAGE));
        Map<String, INDArray> o = og.getOutputs();
        Losses l = new Losses(o.get("total").getDouble(0), o.get("content").getDouble(0),
                o.get("style").getDouble(0), o.get("tv").getDouble(0));
        return new Objective.Evaluation(l, og.getGradients().get(IMAGE));
    }

    // -- Helper methods --

    private SDVariable contentLoss(SDVariable f, INDArray target, double weight) {
        long n = target.size(1);
        long m = target.size(2) * target.size(3);
        SDVariable d = f.sub(sd.constant("content_target", target));
        return sd.sum(d.mul(d)).mul(weight * 0.5 / ((double) n * m));
    }

    private SDVariable styleLayerLoss(SDVariable f, long m, INDArray gramTarget, double weight) {
        long n = gramTarget.size(0);
        SDVariable flat = sd.reshape(f, n, m);
        SDVariable g = sd.mmul(flat, flat, false, true, false).div(m);
        SDVariable d = g.sub(sd.constant(gramTarget));
        return sd.sum(d.mul(d)).mul(weight / (4.0 * n * n));
    }

    private SDVariable tvLoss(SDVariable x, long h, long w, double weight) {
        SDVariable all = zero(x);
        if (w > 1) {
            SDVariable dx = x.get(SDIndex.all(), SDIndex.all(), SDIndex.all(), SDIndex.interval(1L, w))
                    .sub(x.get(SDIndex.all(), SDIndex.all(), SDIndex.all(), SDIndex.interval(0L, w - 1)));
            all = all.add(sd.sum(dx.mul(dx)));
        }
        if (h > 1) {
            SDVariable dy = x.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(1L, h), SDIndex.all())
                    .sub(x.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(0L, h - 1), SDIndex.all()));
            all = all.add(sd.sum(dy.mul(dy)));
        }
        return all.mul(weight / (3.0 * h * w));
    }

    private SDVariable zero(SDVariable like) {
        return sd.constant(Nd4j.scalar(like.dataType(), 0));
    }

    private static Map<String, INDArray> features(FeatureNetwork net, INDArray image, List<String> layers) {
        SameDiff g = SameDiff.create();
        SDVariable in = g.placeHolder("input", image.dataType(), image.shape());
        Map<String, SDVariable> f = net.define(g, in, layers);
        String[] names = new String[layers.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = f.get(layers.get(i)).name();
        }
        Map<String, INDArray> out = g.output(Map.of("input", image), names);
        Map<String, INDArray> byLayer = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            byLayer.put(layers.get(i), out.get(names[i]).dup());
        }
        return byLayer;
    }
}
