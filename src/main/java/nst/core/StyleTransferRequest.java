package nst.core;

import java.util.Objects;
import java.util.Optional;

/**
 * One run: the content image (the result has its size), the style image, the parameters and,
 * optionally, the image to start from (overriding the {@code init} parameter; used to start each
 * frame of a stack from the previous frame's result). Front ends resize the images first.
 */
public record StyleTransferRequest(RgbImage content, RgbImage style, StyleParams params, Optional<RgbImage> start) {
    public StyleTransferRequest {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(start, "start");
        start.ifPresent(s -> {
            if (s.width() != content.width() || s.height() != content.height()) {
                throw new BadInputException("The start image is " + s.width() + "x" + s.height() + " but the content is "
                        + content.width() + "x" + content.height() + "; they must have the same size.");
            }
        });
    }

    public StyleTransferRequest(RgbImage content, RgbImage style, StyleParams params) {
        this(content, style, params, Optional.empty());
    }
}
