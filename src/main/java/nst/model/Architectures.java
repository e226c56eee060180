package nst.model;

import java.util.Collection;

/** Helps error messages say what a weight file holds. */
final class Architectures {
    private Architectures() { }

    /** " (it looks like a VGG network)." or similar, from the layer names found. */
    static String describe(Collection<String> layers) {
        if (layers.isEmpty()) {
            return " (it has no convolution layers).";
        }
        String kind = layers.contains("fire2/squeeze1x1") ? "a SqueezeNet"
                : layers.contains("block3_conv4") ? "a VGG19"
                : layers.contains("block3_conv3") ? "a VGG16"
                : null;
        if (kind != null) {
            return " (it looks like " + kind + ").";
        }
        String first = String.join(", ", layers.stream().limit(4).toList());
        return " (its first layers are " + first + ").";
    }
}
