package nst.core;

import java.util.Objects;

/**
 * One run: the content image (the result has its size), the style image and the parameters.
 * Front ends resize the images before building the request.
 */
public record StyleTransferRequest(RgbImage content, RgbImage style, StyleParams params) {
    public StyleTransferRequest {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(params, "params");
    }
}
