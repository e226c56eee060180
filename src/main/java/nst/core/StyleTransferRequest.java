package nst.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run: the content image (the result has its size), one or more style images with blend
 * weights, the parameters and, optionally, the image to start from (used by {@code init=image}
 * and to start each frame of a stack from the previous frame's result), and optionally the
 * regions each style applies to (their labels at the content's size) and, for a frame of a
 * sequence, the previous result warped to it (the temporal term). Front ends resize the
 * content to the output size and the styles relative to it.
 */
public record StyleTransferRequest(RgbImage content, List<StyleImage> styles, StyleParams params, Optional<RgbImage> start,
                                   Optional<Regions> regions, Optional<TemporalTarget> temporal) {
    public StyleTransferRequest {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(start, "start");
        styles = List.copyOf(styles);
        if (styles.isEmpty()) {
            throw new BadInputException("No style image given; give at least one.");
        }
        if (styles.stream().mapToDouble(StyleImage::weight).sum() <= 0) {
            throw new BadInputException("The style blend weights are all 0; give at least one style a weight above 0.");
        }
        start.ifPresent(s -> {
            if (s.width() != content.width() || s.height() != content.height()) {
                throw new BadInputException("The start image is " + s.width() + "x" + s.height() + " but the content is "
                        + content.width() + "x" + content.height() + "; they must have the same size.");
            }
        });
        if (params.init() == Init.IMAGE && start.isEmpty()) {
            throw new BadInputException("init=image needs an init_image (the image to start from).");
        }
        Objects.requireNonNull(regions, "regions");
        if (regions.isPresent()) {
            checkRegions(regions.get(), content, styles.size());
        }
        Objects.requireNonNull(temporal, "temporal");
        temporal.ifPresent(t -> {
            if (t.warped().width() != content.width() || t.warped().height() != content.height()) {
                throw new IllegalArgumentException("the temporal target must have the content's size");
            }
        });
    }

    public StyleTransferRequest(RgbImage content, List<StyleImage> styles, StyleParams params, Optional<RgbImage> start) {
        this(content, styles, params, start, Optional.empty(), Optional.empty());
    }

    private static void checkRegions(Regions r, RgbImage content, int styles) {
        LabelImage l = r.labels();
        if (l.width() != content.width() || l.height() != content.height()) {
            throw new BadInputException("The region labels are " + l.width() + "x" + l.height() + " but the content is "
                    + content.width() + "x" + content.height() + "; they must have the same size.");
        }
        for (double[] w : r.weights()) {
            if (w.length != styles) {
                throw new IllegalArgumentException("region blend weights over " + w.length + " styles, but there are " + styles);
            }
        }
        for (int k = 1; k <= r.weights().size(); k++) {
            if (l.pixels(k) == 0) {
                throw new BadInputException("Region " + k + " covers no pixel of the " + content.width() + "x" + content.height()
                        + " result; make it larger, or use a larger size.");
            }
        }
    }

    public StyleTransferRequest(RgbImage content, RgbImage style, StyleParams params) {
        this(content, List.of(new StyleImage(style, 1)), params, Optional.empty());
    }

    public StyleTransferRequest(RgbImage content, RgbImage style, StyleParams params, Optional<RgbImage> start) {
        this(content, List.of(new StyleImage(style, 1)), params, start);
    }

    /** The blend weights divided by their sum. */
    public double[] blendWeights() {
        double sum = styles.stream().mapToDouble(StyleImage::weight).sum();
        return styles.stream().mapToDouble(s -> s.weight() / sum).toArray();
    }
}
