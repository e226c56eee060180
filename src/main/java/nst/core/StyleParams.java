package nst.core;

import java.util.List;

/**
 * The optimisation parameters of one run, validated once here. Loss terms are defined in
 * {@link nst.core.loss.GatysLoss}; the style layer weights are normalised to sum 1 there.
 *
 * @param contentLayer  feature layer whose activations the result must match (content cost)
 * @param styleLayers   layers whose Gram matrices the result must match, with relative weights
 * @param contentWeight weight of the content cost (>= 0)
 * @param styleWeight   weight of the style cost (>= 0)
 * @param tvWeight      weight of the total-variation cost (>= 0)
 * @param iterations    loss evaluations (one forward + backward each) at the final scale (each coarser scale
 *                      runs a quarter as many as the next), 1..100000
 * @param optimizer     L-BFGS or Adam
 * @param learningRate  Adam's step size in 0..255 pixel units (L-BFGS uses 1, as torch)
 * @param init          start image
 * @param seed          the only source of randomness (noise init)
 * @param previewEvery  send a preview image every N iterations; 0 for none
 * @param lbfgsHistory  number of stored L-BFGS correction pairs
 * @param colors        where the result's colours come from
 * @param scales        number of scales, coarse to fine, each half the size of the next (1 = single scale)
 * @param pooling       max or average pooling in the network
 * @param framesEvery   keep every N-th iterate as a frame of the result (0 = none)
 * @param tile          scales whose longest side exceeds this are optimised in overlapping tiles of at most
 *                      this side (0 = no tiling)
 * @param tileOverlap   pixels shared by neighbouring tiles, blended linearly; {@link #AUTO_OVERLAP} for a
 *                      quarter of the tile, at most {@value #MAX_AUTO_OVERLAP}
 * @param precision     the convolutions' arithmetic (the rest is float32)
 * @param stopTolerance a scale stops early once its best loss falls by less than this fraction per
 *                      iteration over the last {@value #STOP_WINDOW} iterations (0 = run every iteration)
 */
public record StyleParams(String contentLayer, List<StyleLayer> styleLayers, double contentWeight,
                          double styleWeight, double tvWeight, int iterations, Optimizer optimizer,
                          double learningRate, Init init, long seed, int previewEvery, int lbfgsHistory,
                          ColorMode colors, int scales, Pooling pooling, int framesEvery, int tile, int tileOverlap,
                          Precision precision, double stopTolerance) {
    /** The most L-BFGS correction pairs a run may keep (the optimizer's dot-product tables grow with its square). */
    public static final int MAX_LBFGS_HISTORY = 1000;
    /**
     * The L-BFGS correction pairs a run keeps (torch.optim.LBFGS keeps 100). At 512 px, with 50
     * pairs the default run reached the loss of PyTorch's 200 iterations sooner than with 100
     * (VGG19: final-scale iteration 170 against 175, 232 against 255 s, final loss 1100 against
     * 1123, with 75 pairs 183 and 1156; SqueezeNet: 35-40 against 43-45 s, final loss 0.06%
     * higher), and the history takes half the memory (BENCHMARKS.md); with 25 it did not reach
     * that loss.
     */
    public static final int DEFAULT_LBFGS_HISTORY = 50;


    public static final int MAX_ITERATIONS = 100_000;
    public static final int MAX_SCALES = 6;
    public static final int MIN_TILE = 16;
    public static final int AUTO_OVERLAP = -1;
    public static final int MAX_AUTO_OVERLAP = 64;
    /** The iterations over which {@link #stopTolerance} is judged. */
    public static final int STOP_WINDOW = 10;

    public StyleParams {
        styleLayers = List.copyOf(styleLayers);
        if (contentLayer == null || contentLayer.isBlank()) {
            throw new BadInputException("No content layer given; name one of the network's layers.");
        }
        nonNegative("content_weight", contentWeight);
        nonNegative("style_weight", styleWeight);
        nonNegative("tv_weight", tvWeight);
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new BadInputException("iterations must be between 1 and " + MAX_ITERATIONS + ", was " + iterations + ".");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new BadInputException("learning_rate must be a number > 0, was " + learningRate + ".");
        }
        if (previewEvery < 0) {
            throw new BadInputException("preview_every must be >= 0 (0 = no preview), was " + previewEvery + ".");
        }
        if (framesEvery < 0) {
            throw new BadInputException("frames_every must be >= 0 (0 = no frames), was " + framesEvery + ".");
        }
        if (scales < 1 || scales > MAX_SCALES) {
            throw new BadInputException("scales must be between 1 and " + MAX_SCALES + ", was " + scales + ".");
        }
        if (tile < 0 || (tile > 0 && tile < MIN_TILE)) {
            throw new BadInputException("tile must be 0 (no tiling) or at least " + MIN_TILE + " pixels, was " + tile + ".");
        }
        if (tileOverlap < AUTO_OVERLAP || (tile > 0 && 2 * tileOverlap >= tile)) {
            throw new BadInputException("tile_overlap must be >= 0 and less than half the tile (" + tile + "), was " + tileOverlap
                    + "; use a smaller overlap or a larger tile.");
        }
        if (lbfgsHistory < 1 || lbfgsHistory > MAX_LBFGS_HISTORY) {
            throw new BadInputException("The L-BFGS history must be between 1 and " + MAX_LBFGS_HISTORY + " pairs, was " + lbfgsHistory + ".");
        }
        if (styleWeight > 0) {
            if (styleLayers.isEmpty()) {
                throw new BadInputException("style_weight is above 0 but no style layer is given; name at least one.");
            }
            if (styleLayers.stream().mapToDouble(StyleLayer::weight).sum() <= 0) {
                throw new BadInputException("All style layer weights are 0; give at least one a weight above 0.");
            }
        }
        if (contentWeight + styleWeight + tvWeight <= 0) {
            throw new BadInputException("content_weight, style_weight and tv_weight are all 0: there is nothing to optimise.");
        }
        java.util.Objects.requireNonNull(optimizer, "optimizer");
        java.util.Objects.requireNonNull(init, "init");
        java.util.Objects.requireNonNull(colors, "colors");
        java.util.Objects.requireNonNull(pooling, "pooling");
        java.util.Objects.requireNonNull(precision, "precision");
        if (!(stopTolerance >= 0 && stopTolerance < 1)) {
            throw new BadInputException("stop_tolerance must be at least 0 (0 = never stop early) and below 1, was " + stopTolerance + ".");
        }
    }

    private static void nonNegative(String key, double v) {
        if (!Double.isFinite(v) || v < 0) {
            throw new BadInputException(key + " must be a number >= 0, was " + v + ".");
        }
    }

    /** Defaults for a network: its layers and tuned weights, 200 L-BFGS iterations from the content, two scales. */
    public static StyleParams defaults(NetworkDefaults d) {
        return new StyleParams(d.contentLayer(), d.styleLayers(), d.contentWeight(), d.styleWeight(),
                d.tvWeight(), 200, Optimizer.LBFGS, 10.0, Init.CONTENT, 0L, 0, DEFAULT_LBFGS_HISTORY, ColorMode.STYLE, 2, Pooling.MAX, 0,
                0, AUTO_OVERLAP, Precision.AUTO,
                Double.parseDouble(ParamSpec.STOP_TOLERANCE.defaultValue()));
    }

    /** The overlap of neighbouring tiles in pixels (resolving {@link #AUTO_OVERLAP}). */
    public int effectiveTileOverlap() {
        return tileOverlap == AUTO_OVERLAP ? Math.min(MAX_AUTO_OVERLAP, tile / 4) : tileOverlap;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public StyleParams withIterations(int v) {
        return toBuilder().iterations(v).build();
    }

    public StyleParams withWeights(double content, double style, double tv) {
        return toBuilder().contentWeight(content).styleWeight(style).tvWeight(tv).build();
    }

    public StyleParams withLayers(String content, List<StyleLayer> style) {
        return toBuilder().contentLayer(content).styleLayers(style).build();
    }

    public StyleParams withOptimizer(Optimizer o, double lr) {
        return toBuilder().optimizer(o).learningRate(lr).build();
    }

    public StyleParams withInit(Init i, long s) {
        return toBuilder().init(i).seed(s).build();
    }

    public StyleParams withPreviewEvery(int n) {
        return toBuilder().previewEvery(n).build();
    }

    /** Changes several values at once; {@link #build} validates them together. */
    public static final class Builder {
        private String contentLayer;
        private List<StyleLayer> styleLayers;
        private double contentWeight;
        private double styleWeight;
        private double tvWeight;
        private int iterations;
        private Optimizer optimizer;
        private double learningRate;
        private Init init;
        private long seed;
        private int previewEvery;
        private int lbfgsHistory;
        private ColorMode colors;
        private int scales;
        private Pooling pooling;
        private int framesEvery;
        private int tile;
        private int tileOverlap;
        private Precision precision;
        private double stopTolerance;

        private Builder(StyleParams p) {
            contentLayer = p.contentLayer;
            styleLayers = p.styleLayers;
            contentWeight = p.contentWeight;
            styleWeight = p.styleWeight;
            tvWeight = p.tvWeight;
            iterations = p.iterations;
            optimizer = p.optimizer;
            learningRate = p.learningRate;
            init = p.init;
            seed = p.seed;
            previewEvery = p.previewEvery;
            lbfgsHistory = p.lbfgsHistory;
            colors = p.colors;
            scales = p.scales;
            pooling = p.pooling;
            framesEvery = p.framesEvery;
            tile = p.tile;
            tileOverlap = p.tileOverlap;
            precision = p.precision;
            stopTolerance = p.stopTolerance;
        }

        public Builder contentLayer(String v) { contentLayer = v; return this; }
        public Builder styleLayers(List<StyleLayer> v) { styleLayers = v; return this; }
        public Builder contentWeight(double v) { contentWeight = v; return this; }
        public Builder styleWeight(double v) { styleWeight = v; return this; }
        public Builder tvWeight(double v) { tvWeight = v; return this; }
        public Builder iterations(int v) { iterations = v; return this; }
        public Builder optimizer(Optimizer v) { optimizer = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder init(Init v) { init = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder previewEvery(int v) { previewEvery = v; return this; }
        public Builder lbfgsHistory(int v) { lbfgsHistory = v; return this; }
        public Builder colors(ColorMode v) { colors = v; return this; }
        public Builder scales(int v) { scales = v; return this; }
        public Builder pooling(Pooling v) { pooling = v; return this; }
        public Builder framesEvery(int v) { framesEvery = v; return this; }
        public Builder tile(int v) { tile = v; return this; }
        public Builder tileOverlap(int v) { tileOverlap = v; return this; }
        public Builder precision(Precision v) { precision = v; return this; }
        public Builder stopTolerance(double v) { stopTolerance = v; return this; }

        public StyleParams build() {
            return new StyleParams(contentLayer, styleLayers, contentWeight, styleWeight, tvWeight, iterations, optimizer,
                    learningRate, init, seed, previewEvery, lbfgsHistory, colors, scales, pooling, framesEvery, tile, tileOverlap,
                    precision, stopTolerance);
        }
    }

    /**
     * Iterations at a scale {@code halvings} below the final one: the final scale gets them all,
     * each coarser scale a quarter as many as the next. The coarse scales only have to give a good
     * start, and an iteration there costs more than a quarter of one at the next scale (the fixed
     * cost of each operation): with half as many, SqueezeNet's coarse 128 px scale of a 256 px run
     * took 4.8 s for a head start worth 2-2.5 s, with a quarter 2.2 s (see BENCHMARKS.md).
     */
    public int iterationsAt(int halvings) {
        return Math.max(1, iterations >> (2 * halvings));
    }
}
