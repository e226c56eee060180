package nst.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import nst.core.loss.GatysObjective;
import nst.core.optim.Adam;
import nst.core.optim.ImageOptimizer;
import nst.core.optim.Lbfgs;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gatys et al. style transfer: optimises the pixels of an image so that its features match the
 * content image's and its Gram matrices match the style image's. Pure: no files, no UI.
 */
public final class StyleTransferEngine {
    /**
     * SameDiff's intermediate arrays live in native memory that is freed only when the Java
     * garbage collector finalises them; the Java heap barely grows, so without a collection per
     * iteration the resident memory climbs (VGG19 at 512 px: 11-14 GB peak without, 4.9 GB with,
     * and 15% faster; see BENCHMARKS.md). {@code -Dnst.gcEachIteration=false} turns it off.
     */
    private static final boolean GC_EACH_ITERATION = !"false".equals(System.getProperty("nst.gcEachIteration"));

    private final FeatureNetwork network;

    public StyleTransferEngine(FeatureNetwork network) {
        this.network = network;
    }

    public FeatureNetwork network() { return network; }

    public StyleTransferResult run(StyleTransferRequest request, ProgressListener listener, CancellationToken cancel) {
        StyleParams p = request.params();
        check(request);
        long t0 = System.nanoTime();
        listener.onStatus("Computing content and style targets");
        INDArray content = toTensor255(request.content());
        GatysObjective objective = new GatysObjective(network, content, toTensor255(request.style()), p);
        INDArray x = request.start().map(StyleTransferEngine::toTensor255)
                .orElseGet(() -> p.init() == Init.NOISE ? noise255(request.content(), p.seed()) : content.dup());
        ImageOptimizer optimizer = p.optimizer() == Optimizer.LBFGS ? new Lbfgs(p.lbfgsHistory(), 1.0) : new Adam(p.learningRate());
        long t1 = System.nanoTime();
        listener.onStatus("Optimising");

        List<Losses> history = new ArrayList<>();
        INDArray best = x;
        Losses bestLosses = null;
        boolean cancelled = false;
        for (int i = 0; i < p.iterations(); i++) {
            if (cancel.isCancelled()) {
                cancelled = true;
                break;
            }
            GatysObjective.Evaluation ev = objective.evaluate(x);
            Losses l = ev.losses();
            if (!Double.isFinite(l.total())) {
                throw new StyleTransferException("The loss became " + l.total() + " at iteration " + (i + 1)
                        + "; lower the weights or the learning rate, or use the lbfgs optimizer.");
            }
            history.add(l);
            boolean improved = bestLosses == null || l.total() < bestLosses.total();
            if (improved) {
                if (best != x) {
                    best.close();
                }
                best = x;
                bestLosses = l;
            }
            double elapsed = (System.nanoTime() - t1) / 1e9;
            listener.onIteration(new Progress(i + 1, p.iterations(), l, elapsed, elapsed / (i + 1) * (p.iterations() - i - 1)));
            if (p.previewEvery() > 0 && (i + 1) % p.previewEvery() == 0) {
                listener.onPreview(toImage(x), i + 1);
            }
            INDArray next = optimizer.step(x, ev.gradient());
            ev.gradient().close();
            if (x != best) {
                x.close();
            }
            x = next;
            if (GC_EACH_ITERATION) {
                System.gc();
            }
        }
        long t2 = System.nanoTime();
        if (!cancelled || bestLosses == null) {
            Losses last = objective.evaluate(x).losses();
            if (bestLosses == null || (Double.isFinite(last.total()) && last.total() < bestLosses.total())) {
                if (best != x) {
                    best.close();
                }
                best = x;
                bestLosses = last;
            }
        }
        return new StyleTransferResult(toImage(best), history, bestLosses, history.size(), cancelled,
                (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }

    // -- Helper methods --

    private void check(StyleTransferRequest r) {
        StyleParams p = r.params();
        Set<String> used = new LinkedHashSet<>();
        used.add(p.contentLayer());
        p.styleLayers().forEach(l -> used.add(l.name()));
        network.checkLayers(used);
        int min = network.minInputSide(used);
        checkSize("content", r.content(), min);
        checkSize("style", r.style(), min);
    }

    private void checkSize(String what, RgbImage img, int min) {
        if (Math.min(img.width(), img.height()) < min) {
            throw new BadInputException("The " + what + " image is " + img.width() + "x" + img.height()
                    + " pixels; model " + network.id() + " needs at least " + min + "x" + min
                    + " for the chosen layers. Use a larger image or size.");
        }
    }

    /** [1,3,H,W] float, 0..255. */
    static INDArray toTensor255(RgbImage img) {
        float[] v = img.planarRgb();
        for (int i = 0; i < v.length; i++) {
            v[i] *= 255f;
        }
        return Nd4j.create(v, new long[] {1, 3, img.height(), img.width()}, 'c');
    }

    /** Clamps to 0..255 and scales to [0,1]. */
    static RgbImage toImage(INDArray x255) {
        float[] v = x255.castTo(DataType.FLOAT).dup('c').data().asFloat();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0f, Math.min(255f, v[i])) / 255f;
        }
        return new RgbImage((int) x255.size(3), (int) x255.size(2), v);
    }

    private static INDArray noise255(RgbImage like, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[3 * like.width() * like.height()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rnd.nextDouble() * 255.0);
        }
        return Nd4j.create(v, new long[] {1, 3, like.height(), like.width()}, 'c');
    }
}
