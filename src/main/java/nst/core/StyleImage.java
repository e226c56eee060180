package nst.core;

import java.util.Objects;

/** One style image and its blend weight (weights of a request are normalised to sum 1). */
public record StyleImage(RgbImage image, double weight) {
    public StyleImage {
        Objects.requireNonNull(image, "image");
        if (!Double.isFinite(weight) || weight < 0) {
            throw new BadInputException("Style blend weights must be numbers >= 0, was " + weight + ".");
        }
    }
}
