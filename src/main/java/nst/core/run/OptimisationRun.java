package nst.core.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import nst.core.CancellationToken;
import nst.core.ColorMode;
import nst.core.Colors;
import nst.core.InputGradientNetwork;
import nst.core.FeatureNetwork;
import nst.core.Losses;
import nst.core.ModelFormatException;
import nst.core.Optimizer;
import nst.core.Precision;
import nst.core.Progress;
import nst.core.ProgressListener;
import nst.core.Resample;
import nst.core.RgbImage;
import nst.core.StyleParams;
import nst.core.StyleTransferException;
import nst.core.Tiles;
import nst.core.loss.GatysLoss;
import nst.core.loss.Objective;
import nst.core.optim.Adam;
import nst.core.optim.ImageOptimizer;
import nst.core.optim.Lbfgs;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The state of one run across its scales and tiles: optimises each, keeps the loss history and
 * the best image, reports progress, previews and frames, honours cancellation, and asks for
 * native memory to be reclaimed as {@link StyleTransferEngine} describes.
 */
final class OptimisationRun {
    final StyleParams p;
    final Runnable reclaim;
    final ProgressListener listener;
    final CancellationToken cancel;
    final RgbImage finalSize;
    final int total;
    final List<Losses> history = new ArrayList<>();
    int frames;
    Losses bestLosses;
    boolean cancelled;
    double setupSeconds;
    double optimizeSeconds;
    long loopStart;

    /**
     * The current scale's style targets, computed by its first tile and reused by the others
     * (the style image is the same for all of them); null at the start of each scale.
     */
    Map<String, INDArray> styleGrams;
    /** The style targets of the current scale's float32 tail, as {@link #styleGrams}. */
    Map<String, INDArray> tailStyleGrams;

    /**
     * The network of the final scale's last {@link Precision#fp32TailIterations} iterations (of
     * each of its tiles), the float32 sibling of a bfloat16 network; null when the run is float32.
     * bfloat16's losses stop following float32's once the style residual comes down near its
     * rounding; the tail optimises float32's loss at the end, keeping L-BFGS's curvature pairs but
     * the one that spans the switch (BENCHMARKS.md gives the final losses with and without it).
     */
    FeatureNetwork tailNetwork;

    /** Maps the image being optimised to the whole image of its scale (for previews and frames). */
    UnaryOperator<RgbImage> whole = UnaryOperator.identity();

    OptimisationRun(StyleParams p, ProgressListener listener, CancellationToken cancel, RgbImage finalSize, int total, int scales,
                    Runnable reclaim) {
        this.scales = scales;
        this.reclaim = reclaim;
        this.p = p;
        this.listener = listener;
        this.cancel = cancel;
        this.finalSize = finalSize;
        this.total = total;
    }

    /**
     * Optimises each tile in turn, each starting from the blend so far (so a tile continues
     * what its neighbours painted in the band they share), and returns the blend. The losses
     * of the scale are the tiles' best losses, weighted by area.
     */
    RgbImage optimiseTiled(FeatureNetwork network, RgbImage content, List<RgbImage> styles, double[] blend, RgbImage start,
                           int scale, int iterations, Tiles tiles, Guides guides) {
        List<Tiles.Tile> list = tiles.tiles();
        double[] sums = new double[5];
        double area = 0;
        for (int k = 0; k < list.size() && !cancelled; k++) {
            Tiles.Tile t = list.get(k);
            RgbImage canvas = tiles.blend(start);
            RgbImage part = optimise(network, content.crop(t.x(), t.y(), t.width(), t.height()), styles, blend,
                    canvas.crop(t.x(), t.y(), t.width(), t.height()), scale, iterations, img -> canvas.paste(img, t.x(), t.y()),
                    " (tile " + (k + 1) + " of " + list.size() + ")", guides.crop(t.x(), t.y(), t.width(), t.height()));
            tiles.add(t, part);
            double a = (double) t.width() * t.height();
            sums[0] += a * bestLosses.total();
            sums[1] += a * bestLosses.content();
            sums[2] += a * bestLosses.style();
            sums[3] += a * bestLosses.tv();
            sums[4] += a * bestLosses.temporal();
            area += a;
        }
        bestLosses = new Losses(sums[0] / area, sums[1] / area, sums[2] / area, sums[3] / area, sums[4] / area);
        return tiles.blend(start);
    }

    /**
     * Optimises at one scale (or one tile of it, with {@code whole} mapping it to the whole
     * scale) from {@code start}; returns the best image.
     */
    RgbImage optimise(FeatureNetwork network, RgbImage content, List<RgbImage> styles, double[] blend, RgbImage start, int scale,
                      int iterations, UnaryOperator<RgbImage> whole, String part, Guides guides) {
        this.whole = whole;
        this.scale = scale;
        this.scaleStart = history.size();
        this.scaleIterations = iterations;
        long t0 = System.nanoTime();
        listener.onStatus("Computing content and style targets" + (scales > 1 ? " (scale " + (scale + 1) + " of " + scales + ")" : "") + part);
        INDArray content255 = StyleTransferEngine.toTensor255(content);
        List<INDArray> styles255 = styles.stream().map(StyleTransferEngine::toTensor255).toList();
        InputGradientNetwork gradients = network.inputGradients().orElseThrow(() -> new ModelFormatException("The network " + network.id()
                + " has layers without a hand-written backward pass (reflection padding or side branches), so it cannot be"
                + " optimised; use vgg19, vgg16 or squeezenet1.1."));
        int tailFrom = tailNetwork == null || scale < scales - 1 ? iterations : iterations - Precision.fp32TailIterations(iterations);
        Supplier<Objective> tail = tailFrom == iterations ? null : () -> new GatysLoss(tailNetwork, tailNetwork.inputGradients().orElseThrow(),
                content255, styles255, blend, p, tailStyleGrams, guides.regions(), guides.temporal());
        // closed when this scale or tile is done: frees the memory its evaluations reused
        try (TailObjective objective = new TailObjective(new GatysLoss(network, gradients, content255, styles255, blend, p, styleGrams,
                guides.regions(), guides.temporal()), tail)) {
            styleGrams = objective.styleGrams();
            ImageOptimizer optimizer = p.optimizer() == Optimizer.LBFGS ? new Lbfgs(p.lbfgsHistory(), 1.0) : new Adam(p.learningRate());
            INDArray x = StyleTransferEngine.toTensor255(start);
            // before the loop, not in its first iteration: frees what the targets (and any earlier
            // run in this JVM) left to the collector, and times the collection for the rule below
            collectGarbage(true);
            long t1 = System.nanoTime();
            setupSeconds += (t1 - t0) / 1e9;
            if (loopStart == 0) {
                loopStart = t1;
            }
            listener.onStatus("Optimising" + part);
            INDArray best = x;
            Losses scaleBest = null;
            boolean stopped = false; // by stop_tolerance: x is already evaluated
            for (int i = 0; i < iterations; i++) {
                if (cancel.isCancelled()) {
                    cancelled = true;
                    break;
                }
                if (i == tailFrom) {
                    startTail(objective, iterations - i, part);
                    // the gradients differ between the precisions: their difference is not curvature
                    optimizer.objectiveChanged();
                    // the best so far: from float32's losses on
                    if (best != x) {
                        best.close();
                    }
                    best = x;
                    scaleBest = null;
                }
                Objective.Evaluation ev = objective.evaluate(x);
                Losses l = ev.losses();
                if (!Double.isFinite(l.total())) {
                    throw new StyleTransferException("The loss became " + l.total() + " at iteration " + (history.size() + 1)
                            + "; lower the weights or the learning rate, or use the lbfgs optimizer.");
                }
                history.add(l);
                if (scaleBest == null || l.total() < scaleBest.total()) {
                    if (best != x) {
                        best.close();
                    }
                    best = x;
                    scaleBest = l;
                }
                report(x, l);
                if (converged(scaleBest.total(), p.stopTolerance())) {
                    ev.gradient().close();
                    stopped = true;
                    break;
                }
                INDArray next = optimizer.step(x, ev.gradient());
                ev.gradient().close();
                if (x != best) {
                    x.close();
                }
                x = next;
                collectGarbage(false);
            }
            optimizeSeconds += (System.nanoTime() - t1) / 1e9;
            if (!stopped && (!cancelled || scaleBest == null)) {
                Objective.Evaluation end = objective.evaluate(x);
                end.gradient().close();
                Losses last = end.losses();
                if (scaleBest == null || (Double.isFinite(last.total()) && last.total() < scaleBest.total())) {
                    best = x;
                    scaleBest = last;
                }
            }
            bestLosses = scaleBest;
            return StyleTransferEngine.toImage(best);
        }
    }

    /** Evaluates with the float32 network from now on; the stop rule's window starts again. */
    private void startTail(TailObjective objective, int left, String part) {
        listener.onStatus("Optimising in float32 (the last " + left + " iterations)" + part);
        objective.switchToTail();
        tailStyleGrams = objective.styleGrams();
        recentBest.clear();
    }

    /** This scale's best loss after each of its iterations, for {@link #converged}. */
    private final java.util.ArrayDeque<Double> recentBest = new java.util.ArrayDeque<>();

    /**
     * Whether the best loss of this scale fell by less than {@code tolerance} (relative) per
     * iteration, on average over the last {@link StyleParams#STOP_WINDOW} iterations.
     */
    private boolean converged(double best, double tolerance) {
        if (history.size() - scaleStart == 1) {
            recentBest.clear();
        }
        recentBest.addLast(best);
        if (recentBest.size() <= StyleParams.STOP_WINDOW) {
            return false;
        }
        double before = recentBest.removeFirst();
        return tolerance > 0 && (before - best) / before < tolerance * StyleParams.STOP_WINDOW;
    }

    private long lastGcEnd;
    private long lastGcNanos;
    /** Where {@link #optimise} is: its scale, the iteration count when it began, and its iterations. */
    private final int scales;
    private int scale;
    private int scaleStart;
    private int scaleIterations;

    private void collectGarbage(boolean always) {
        long now = System.nanoTime();
        if (always || now - lastGcEnd >= StyleTransferEngine.RECLAIM_RATIO * lastGcNanos) {
            reclaim.run();
            lastGcEnd = System.nanoTime();
            lastGcNanos = lastGcEnd - now;
        }
    }

    private void report(INDArray x, Losses l) {
        int it = history.size();
        double elapsed = (System.nanoTime() - loopStart) / 1e9;
        listener.onIteration(new Progress(it, total, l, elapsed, elapsed / it * (total - it), scale + 1, scales, it - scaleStart,
                scaleIterations));
        if (p.previewEvery() > 0 && it % p.previewEvery() == 0) {
            listener.onPreview(whole.apply(StyleTransferEngine.toImage(x)), it);
        }
        if (p.framesEvery() > 0 && it % p.framesEvery() == 0) {
            RgbImage frame = Resample.resize(whole.apply(StyleTransferEngine.toImage(x)), finalSize.width(), finalSize.height());
            listener.onFrame(p.colors() == ColorMode.ORIGINAL ? Colors.originalColors(frame, finalSize) : frame, ++frames);
        }
    }
}
