package nst.core;

import java.util.List;

/** A network's usual layers and the loss weights tuned for it. */
public record NetworkDefaults(String contentLayer, List<StyleLayer> styleLayers, double contentWeight,
                              double styleWeight, double tvWeight) {
    public NetworkDefaults {
        styleLayers = List.copyOf(styleLayers);
    }
}
