package nst.net;

import java.util.Collection;

/** Helps error messages say what a weight file holds. */
final class Architectures {
    private Architectures() { }

    /**
     * " (it looks like a VGG19)." or similar, from the convolution layers found, followed by the
     * layers whose weights are not a convolution's.
     */
    static String describe(KerasWeightFile file) {
        String other = file.otherLayers().entrySet().stream().limit(3)
                .map(e -> " Layer " + e.getKey() + " holds " + e.getValue() + ", not a convolution kernel [kH,kW,in,out] and bias [out].")
                .reduce("", String::concat);
        return describe(file.convLayers().keySet()) + other;
    }

    private static String describe(Collection<String> layers) {
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
