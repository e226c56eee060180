package nst.core.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import nst.core.BadInputException;
import nst.core.CancellationToken;
import nst.core.ColorMode;
import nst.core.Colors;
import nst.core.FeatureNetwork;
import nst.core.Init;
import nst.core.Precision;
import nst.core.ProgressListener;
import nst.core.Resample;
import nst.core.RgbImage;
import nst.core.StyleImage;
import nst.core.StyleParams;
import nst.core.StyleTransferRequest;
import nst.core.StyleTransferResult;
import nst.core.Tiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gatys et al. style transfer: optimises the pixels of an image so that its features match the
 * content image's and its Gram matrices match the style images'. With several scales it works
 * coarse to fine: each scale is half the size of the next, and its result, enlarged, with the
 * detail of the start image that it could not hold added back ({@link Resample#enlargeWithDetail}),
 * starts the next one. Pure: no files, no UI.
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
    static final int RECLAIM_RATIO = 100;

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
        FeatureNetwork network = baseNetwork.withPrecision(p.precision()).withPooling(p.pooling());
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
            total += p.iterationsAt(scales.get(i)) * tilings.get(i).tiles().size();
        }
        OptimisationRun run = new OptimisationRun(p, listener, cancel, content, total, scales.size(), reclaim);
        run.tailNetwork = network.precision() == Precision.FP32 ? null : baseNetwork.withPrecision(Precision.FP32).withPooling(p.pooling());
        RgbImage initial = request.start().orElseGet(() -> p.init() == Init.NOISE ? noise(content, p.seed()) : content);
        RgbImage start = initial;
        RgbImage previousBegin = null;
        for (int i = 0; i < scales.size() && !run.cancelled; i++) {
            double f = Math.pow(0.5, scales.get(i));
            RgbImage c = contents.get(i);
            List<RgbImage> st = styles.stream().map(s -> scaled(s, f)).toList();
            RgbImage begin = Resample.resize(initial, c.width(), c.height());
            RgbImage from = i == 0 ? begin : Resample.enlargeWithDetail(start, previousBegin, begin);
            previousBegin = begin;
            int iterations = p.iterationsAt(scales.get(i));
            Tiles tiles = tilings.get(i);
            run.styleGrams = null; // each scale reads its own style size
            run.tailStyleGrams = null;
            Guides guides = new Guides(request.regions().orElse(null), request.temporal().orElse(null)).at(c.width(), c.height());
            start = tiles.tiled()
                    ? run.optimiseTiled(network, c, st, request.blendWeights(), from, i, iterations, tiles, guides)
                    : run.optimise(network, c, st, request.blendWeights(), from, i, iterations, UnaryOperator.identity(), "", guides);
        }
        // cancelled at a coarse scale: the result still has the content's size
        start = Resample.resize(start, content.width(), content.height());
        RgbImage coloured = p.colors() == ColorMode.ORIGINAL ? Colors.originalColors(start, content) : start;
        RgbImage image = request.regions().map(r -> r.composite(coloured, content)).orElse(coloured);
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

    /** The tiles of an image at one scale (a single tile when tiling is off or the image fits). */
    static Tiles tilesAt(StyleParams p, RgbImage img) {
        int tile = p.tile() > 0 ? p.tile() : Math.max(img.width(), img.height());
        return new Tiles(img.width(), img.height(), tile, p.tile() > 0 ? p.effectiveTileOverlap() : 0);
    }

    private static RgbImage scaled(RgbImage img, double f) {
        return f == 1 ? img : Resample.resize(img, Math.max(1, (int) Math.round(img.width() * f)), Math.max(1, (int) Math.round(img.height() * f)));
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
