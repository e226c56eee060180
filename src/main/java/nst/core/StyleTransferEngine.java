package nst.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import nst.core.loss.DirectObjective;
import nst.core.loss.Objective;
import nst.core.optim.Adam;
import nst.core.optim.ImageOptimizer;
import nst.core.optim.Lbfgs;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gatys et al. style transfer: optimises the pixels of an image so that its features match the
 * content image's and its Gram matrices match the style images'. With several scales it works
 * coarse to fine: each scale is half the size of the next, and its result, enlarged, starts the
 * next one. Pure: no files, no UI.
 */
public final class StyleTransferEngine {
    /**
     * ND4J frees some native memory (op contexts, shape buffers: a few MB per SqueezeNet
     * iteration, 1 GB in 400 iterations if never freed) only when the Java garbage collector runs.
     * The engine therefore calls the {@code reclaim} it is given once before each scale's loop and
     * then once the time since the last call is {@value #RECLAIM_RATIO} times what that call took
     * (a collection takes about 30 ms: every VGG iteration, every 20-30 SqueezeNet ones at 256 px,
     * at most 1% of the time).
     */
    private static final int RECLAIM_RATIO = 100;

    private final FeatureNetwork baseNetwork;
    private final Runnable reclaim;

    /** An engine that never asks for memory to be reclaimed (short runs, tests). */
    public StyleTransferEngine(FeatureNetwork network) {
        this(network, () -> { });
    }

    /**
     * @param reclaim frees the native memory ND4J leaves to the garbage collector (the network
     *                runtime's {@code NativeMemory::reclaim}); called as the class comment says
     */
    public StyleTransferEngine(FeatureNetwork network, Runnable reclaim) {
        this.baseNetwork = network;
        this.reclaim = reclaim;
    }

    public StyleTransferResult run(StyleTransferRequest request, ProgressListener listener, CancellationToken cancel) {
        StyleParams p = request.params();
        FeatureNetwork network = baseNetwork.withPooling(p.pooling());
        int min = check(request, network);
        RgbImage content = request.content();
        List<RgbImage> styles = new ArrayList<>();
        for (StyleImage s : request.styles()) {
            styles.add(p.colors() == ColorMode.MATCH ? Colors.matchHistogram(s.image(), content) : s.image());
        }
        List<Integer> scales = scales(content, styles, p.scales(), min);
        List<RgbImage> contents = scales.stream().map(h -> scaled(content, Math.pow(0.5, h))).toList();
        List<Tiles> tilings = contents.stream().map(c -> tilesAt(p, c)).toList();
        int total = 0;
        for (int i = 0; i < scales.size(); i++) {
            total += iterationsAt(p.iterations(), scales.get(i)) * tilings.get(i).tiles().size();
        }
        Run run = new Run(p, listener, cancel, content, total, reclaim);
        RgbImage start = request.start().orElseGet(() -> p.init() == Init.NOISE ? noise(content, p.seed()) : content);
        for (int i = 0; i < scales.size() && !run.cancelled; i++) {
            double f = Math.pow(0.5, scales.get(i));
            RgbImage c = contents.get(i);
            List<RgbImage> st = styles.stream().map(s -> scaled(s, f)).toList();
            RgbImage from = Resample.resize(start, c.width(), c.height());
            int iterations = iterationsAt(p.iterations(), scales.get(i));
            Tiles tiles = tilings.get(i);
            run.styleGrams = null; // each scale reads its own style size
            start = tiles.tiled()
                    ? run.optimiseTiled(network, c, st, request.blendWeights(), from, i, iterations, tiles)
                    : run.optimise(network, c, st, request.blendWeights(), from, i, iterations, UnaryOperator.identity(), "");
        }
        // cancelled at a coarse scale: the result still has the content's size
        start = Resample.resize(start, content.width(), content.height());
        RgbImage image = p.colors() == ColorMode.ORIGINAL ? Colors.originalColors(start, content) : start;
        return new StyleTransferResult(image, run.history, run.bestLosses, run.history.size(), run.cancelled,
                run.setupSeconds, run.optimizeSeconds, run.frames);
    }

    // -- Helper methods --

    /** Checks layers, sizes and the tile; returns the smallest image side the chosen layers accept. */
    private static int check(StyleTransferRequest r, FeatureNetwork network) {
        StyleParams p = r.params();
        Set<String> used = new LinkedHashSet<>();
        used.add(p.contentLayer());
        p.styleLayers().forEach(l -> used.add(l.name()));
        network.checkLayers(used);
        int min = network.minInputSide(used);
        if (p.tile() > 0) {
            int field = Math.max(min, network.receptiveField(used));
            if (p.tile() < field) {
                throw new BadInputException("tile=" + p.tile() + " is smaller than the receptive field of the chosen layers of model "
                        + network.id() + " (" + field + " pixels), so no tile could show them a whole pattern; use tile=" + field
                        + " or more, or 0 for no tiling.");
            }
        }
        checkSize(network, "content", r.content(), min);
        for (StyleImage s : r.styles()) {
            checkSize(network, "style", s.image(), min);
        }
        return min;
    }

    private static void checkSize(FeatureNetwork network, String what, RgbImage img, int min) {
        if (Math.min(img.width(), img.height()) < min) {
            throw new BadInputException("The " + what + " image is " + img.width() + "x" + img.height()
                    + " pixels; model " + network.id() + " needs at least " + min + "x" + min
                    + " for the chosen layers. Use a larger image, size or style_scale.");
        }
    }

    /**
     * The halvings of each scale, coarsest first (e.g. [2, 1, 0] for 3 scales); scales at which
     * the content or a style would be smaller than the network accepts are left out.
     */
    static List<Integer> scales(RgbImage content, List<RgbImage> styles, int count, int min) {
        List<Integer> out = new ArrayList<>();
        for (int s = count - 1; s >= 0; s--) {
            double f = Math.pow(0.5, s);
            boolean fits = Math.min(content.width(), content.height()) * f >= min
                    && styles.stream().allMatch(st -> Math.min(st.width(), st.height()) * f >= min);
            if (fits) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Iterations at a scale {@code halvings} below the final one: the final scale gets them all,
     * each coarser scale a quarter as many as the next. The coarse scales only have to give a good
     * start, and an iteration there costs more than a quarter of one at the next scale (the fixed
     * cost of each operation): with half as many, SqueezeNet's coarse 128 px scale of a 256 px run
     * took 4.8 s for a head start worth 2-2.5 s, with a quarter 2.2 s (see BENCHMARKS.md).
     */
    static int iterationsAt(int iterations, int halvings) {
        return Math.max(1, iterations >> (2 * halvings));
    }

    /** The tiles of an image at one scale (a single tile when tiling is off or the image fits). */
    static Tiles tilesAt(StyleParams p, RgbImage img) {
        int tile = p.tile() > 0 ? p.tile() : Math.max(img.width(), img.height());
        return new Tiles(img.width(), img.height(), tile, p.tile() > 0 ? p.effectiveTileOverlap() : 0);
    }

    private static RgbImage scaled(RgbImage img, double f) {
        return f == 1 ? img : Resample.resize(img, Math.max(1, (int) Math.round(img.width() * f)), Math.max(1, (int) Math.round(img.height() * f)));
    }

    /** The state of one run across its scales. */
    private static final class Run {
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

        /** Maps the image being optimised to the whole image of its scale (for previews and frames). */
        UnaryOperator<RgbImage> whole = UnaryOperator.identity();

        Run(StyleParams p, ProgressListener listener, CancellationToken cancel, RgbImage finalSize, int total, Runnable reclaim) {
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
                               int scale, int iterations, Tiles tiles) {
            List<Tiles.Tile> list = tiles.tiles();
            double[] sums = new double[4];
            double area = 0;
            for (int k = 0; k < list.size() && !cancelled; k++) {
                Tiles.Tile t = list.get(k);
                RgbImage canvas = tiles.blend(start);
                RgbImage part = optimise(network, content.crop(t.x(), t.y(), t.width(), t.height()), styles, blend,
                        canvas.crop(t.x(), t.y(), t.width(), t.height()), scale, iterations, img -> canvas.paste(img, t.x(), t.y()),
                        " (tile " + (k + 1) + " of " + list.size() + ")");
                tiles.add(t, part);
                double a = (double) t.width() * t.height();
                sums[0] += a * bestLosses.total();
                sums[1] += a * bestLosses.content();
                sums[2] += a * bestLosses.style();
                sums[3] += a * bestLosses.tv();
                area += a;
            }
            bestLosses = new Losses(sums[0] / area, sums[1] / area, sums[2] / area, sums[3] / area);
            return tiles.blend(start);
        }

        /**
         * Optimises at one scale (or one tile of it, with {@code whole} mapping it to the whole
         * scale) from {@code start}; returns the best image.
         */
        RgbImage optimise(FeatureNetwork network, RgbImage content, List<RgbImage> styles, double[] blend, RgbImage start, int scale,
                          int iterations, UnaryOperator<RgbImage> whole, String part) {
            this.whole = whole;
            long t0 = System.nanoTime();
            listener.onStatus("Computing content and style targets" + (p.scales() > 1 ? " (scale " + (scale + 1) + ")" : "") + part);
            INDArray content255 = toTensor255(content);
            List<INDArray> styles255 = styles.stream().map(StyleTransferEngine::toTensor255).toList();
            DirectNetwork direct = network.direct().orElseThrow(() -> new ModelFormatException("The network " + network.id()
                    + " has layers without a hand-written backward pass (reflection padding or side branches), so it cannot be"
                    + " optimised; use vgg19, vgg16 or squeezenet1.1."));
            Objective objective = new DirectObjective(network, direct, content255, styles255, blend, p, styleGrams);
            // closed when this scale or tile is done: frees the memory its evaluations reused
            try (objective) {
                styleGrams = objective.styleGrams();
                ImageOptimizer optimizer = p.optimizer() == Optimizer.LBFGS ? new Lbfgs(p.lbfgsHistory(), 1.0) : new Adam(p.learningRate());
                INDArray x = toTensor255(start);
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
                for (int i = 0; i < iterations; i++) {
                    if (cancel.isCancelled()) {
                        cancelled = true;
                        break;
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
                    INDArray next = optimizer.step(x, ev.gradient());
                    ev.gradient().close();
                    if (x != best) {
                        x.close();
                    }
                    x = next;
                    collectGarbage(false);
                }
                optimizeSeconds += (System.nanoTime() - t1) / 1e9;
                if (!cancelled || scaleBest == null) {
                    Objective.Evaluation end = objective.evaluate(x);
                    end.gradient().close();
                    Losses last = end.losses();
                    if (scaleBest == null || (Double.isFinite(last.total()) && last.total() < scaleBest.total())) {
                        best = x;
                        scaleBest = last;
                    }
                }
                bestLosses = scaleBest;
                return toImage(best);
            }
        }

        private long lastGcEnd;
        private long lastGcNanos;

        private void collectGarbage(boolean always) {
            long now = System.nanoTime();
            if (always || now - lastGcEnd >= RECLAIM_RATIO * lastGcNanos) {
                reclaim.run();
                lastGcEnd = System.nanoTime();
                lastGcNanos = lastGcEnd - now;
            }
        }

        private void report(INDArray x, Losses l) {
            int it = history.size();
            double elapsed = (System.nanoTime() - loopStart) / 1e9;
            listener.onIteration(new Progress(it, total, l, elapsed, elapsed / it * (total - it)));
            if (p.previewEvery() > 0 && it % p.previewEvery() == 0) {
                listener.onPreview(whole.apply(toImage(x)), it);
            }
            if (p.framesEvery() > 0 && it % p.framesEvery() == 0) {
                RgbImage frame = Resample.resize(whole.apply(toImage(x)), finalSize.width(), finalSize.height());
                listener.onFrame(p.colors() == ColorMode.ORIGINAL ? Colors.originalColors(frame, finalSize) : frame, ++frames);
            }
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

    /** Uniform noise in [0,1) (0..255 in the engine's units), from the seed alone. */
    private static RgbImage noise(RgbImage like, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[3 * like.width() * like.height()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextDouble();
        }
        return new RgbImage(like.width(), like.height(), v);
    }
}
