package nst.app;

import ij.process.ImageProcessor;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nst.convert.Inputs;
import nst.core.CancellationToken;
import nst.core.FeatureNetwork;
import nst.core.ParamValues;
import nst.core.Precision;
import nst.core.ProgressListener;
import nst.core.Regions;
import nst.core.TemporalTarget;
import nst.core.RgbImage;
import nst.core.StyleImage;
import nst.core.StyleParams;
import nst.core.run.StyleTransferEngine;
import nst.core.StyleTransferRequest;
import nst.core.StyleTransferResult;
import nst.net.NativeMemory;

/**
 * A run with its model loaded, its style images converted and its memory checked: it stylizes
 * the content it was made for, or further images of the same size (the slices of a stack, each
 * starting from the last result), without loading anything again.
 *
 * @param network the feature network
 * @param params  the parameters, fitted to the free memory
 * @param content the content as the engine sees it (resized)
 * @param styles  the style images, resized, with their blend weights
 * @param start   the start image of the first run ({@code init=image}), if any
 * @param values  the options the run was made from
 * @param regions where each style applies (labels at the content's size), if not everywhere
 */
public record PreparedRun(FeatureNetwork network, StyleParams params, RgbImage content, List<StyleImage> styles,
                          Optional<RgbImage> start, ParamValues values, Optional<Regions> regions) {
    public PreparedRun {
        styles = List.copyOf(styles);
    }

    /** The same run with other parameters (e.g. one scale for the frames of a sequence after the first). */
    public PreparedRun withParams(StyleParams other) {
        return new PreparedRun(network, other, content, styles, start, values, regions);
    }

    /** One line: model, size, styles, iterations, scales and the convolutions' precision. */
    public String describe() {
        Precision precision = network.withPrecision(params.precision()).precision();
        return String.format(Locale.ROOT, "Model %s, content %dx%d, %d style image(s), %d %s iterations x %d scale(s), %s convolutions%s",
                network.id(), content.width(), content.height(), styles.size(), params.iterations(), params.optimizer().key(), params.scales(),
                precision.key(), precision == Precision.FP32 ? "" : " (the last " + Precision.fp32TailIterations(params.iterations()) + " in fp32)");
    }

    /** Stylizes the content. */
    public StyleTransferResult run(ProgressListener progress, CancellationToken cancel) {
        return engine().run(new StyleTransferRequest(content, styles, params, start, regions, Optional.empty()), progress, cancel);
    }

    /** Stylizes another content image of the same kind (resized as the first), starting from {@code from} when given. */
    public StyleTransferResult run(ImageProcessor other, Optional<RgbImage> from, ProgressListener progress, CancellationToken cancel) {
        return run(Inputs.content(other, values), from, Optional.empty(), progress, cancel);
    }

    /**
     * Stylizes a frame already at the content's size (a sequence's frame), starting from
     * {@code from} when given, held to {@code temporal} (the previous result warped to it) when given.
     */
    public StyleTransferResult run(RgbImage frame, Optional<RgbImage> from, Optional<TemporalTarget> temporal, ProgressListener progress,
                                   CancellationToken cancel) {
        return engine().run(new StyleTransferRequest(frame, styles, params, from, regions, temporal), progress, cancel);
    }

    private StyleTransferEngine engine() {
        return new StyleTransferEngine(network, NativeMemory::reclaim);
    }
}
