package nst.core;

import java.util.List;

/**
 * The optimisation parameters of one run, validated once here. Loss terms are defined in
 * {@link nst.core.loss.GatysObjective}; the style layer weights are normalised to sum 1 there.
 *
 * @param contentLayer  feature layer whose activations the result must match (content cost)
 * @param styleLayers   layers whose Gram matrices the result must match, with relative weights
 * @param contentWeight weight of the content cost (>= 0)
 * @param styleWeight   weight of the style cost (>= 0)
 * @param tvWeight      weight of the total-variation cost (>= 0)
 * @param iterations    loss evaluations (one forward + backward each), 1..100000
 * @param optimizer     L-BFGS or Adam
 * @param learningRate  Adam's step size in 0..255 pixel units (L-BFGS uses 1, as torch)
 * @param init          start image
 * @param seed          the only source of randomness (noise init)
 * @param previewEvery  send a preview image every N iterations; 0 for none
 * @param lbfgsHistory  number of stored L-BFGS correction pairs
 */
public record StyleParams(String contentLayer, List<StyleLayer> styleLayers, double contentWeight,
                          double styleWeight, double tvWeight, int iterations, Optimizer optimizer,
                          double learningRate, Init init, long seed, int previewEvery, int lbfgsHistory) {

    public static final int MAX_ITERATIONS = 100_000;

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
        if (lbfgsHistory < 1) {
            throw new BadInputException("The L-BFGS history must be >= 1, was " + lbfgsHistory + ".");
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
    }

    private static void nonNegative(String key, double v) {
        if (!Double.isFinite(v) || v < 0) {
            throw new BadInputException(key + " must be a number >= 0, was " + v + ".");
        }
    }

    /** Defaults for a network: its layers and tuned weights, 200 L-BFGS iterations from the content. */
    public static StyleParams defaults(NetworkDefaults d) {
        return new StyleParams(d.contentLayer(), d.styleLayers(), d.contentWeight(), d.styleWeight(),
                d.tvWeight(), 200, Optimizer.LBFGS, 10.0, Init.CONTENT, 0L, 0, 100);
    }

    public StyleParams withIterations(int v) {
        return new StyleParams(contentLayer, styleLayers, contentWeight, styleWeight, tvWeight, v, optimizer, learningRate, init, seed, previewEvery, lbfgsHistory);
    }

    public StyleParams withWeights(double content, double style, double tv) {
        return new StyleParams(contentLayer, styleLayers, content, style, tv, iterations, optimizer, learningRate, init, seed, previewEvery, lbfgsHistory);
    }

    public StyleParams withLayers(String content, List<StyleLayer> style) {
        return new StyleParams(content, style, contentWeight, styleWeight, tvWeight, iterations, optimizer, learningRate, init, seed, previewEvery, lbfgsHistory);
    }

    public StyleParams withOptimizer(Optimizer o, double lr) {
        return new StyleParams(contentLayer, styleLayers, contentWeight, styleWeight, tvWeight, iterations, o, lr, init, seed, previewEvery, lbfgsHistory);
    }

    public StyleParams withInit(Init i, long s) {
        return new StyleParams(contentLayer, styleLayers, contentWeight, styleWeight, tvWeight, iterations, optimizer, learningRate, i, s, previewEvery, lbfgsHistory);
    }

    public StyleParams withPreviewEvery(int n) {
        return new StyleParams(contentLayer, styleLayers, contentWeight, styleWeight, tvWeight, iterations, optimizer, learningRate, init, seed, n, lbfgsHistory);
    }
}
