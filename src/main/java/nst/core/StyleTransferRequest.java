package nst.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run: the content image (the result has its size), one or more style images with blend
 * weights, the parameters and, optionally, the image to start from (used by {@code init=image}
 * and to start each frame of a stack from the previous frame's result). Front ends resize the
 * content to the output size and the styles relative to it.
 */
public record StyleTransferRequest(RgbImage content, List<StyleImage> styles, StyleParams params, Optional<RgbImage> start) {
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
