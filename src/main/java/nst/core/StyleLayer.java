package nst.core;

/** A style layer of the feature network, by name, with its relative weight w_l (>= 0). */
public record StyleLayer(String name, double weight) {
    public StyleLayer {
        if (name == null || name.isBlank()) {
            throw new BadInputException("A style layer name is empty.");
        }
        if (!Double.isFinite(weight) || weight < 0) {
            throw new BadInputException("The weight of style layer " + name + " must be a number >= 0, was " + weight + ".");
        }
    }

    /**
     * Parses {@code "conv1,fire2:0.5,fire3"}: names separated by commas, each with an optional
     * {@code :weight} (default 1).
     */
    public static java.util.List<StyleLayer> parseList(String spec) {
        java.util.List<StyleLayer> out = new java.util.ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int colon = p.indexOf(':');
            if (colon < 0) {
                out.add(new StyleLayer(p, 1.0));
            } else {
                String w = p.substring(colon + 1).trim();
                try {
                    out.add(new StyleLayer(p.substring(0, colon).trim(), Double.parseDouble(w)));
                } catch (NumberFormatException e) {
                    throw new BadInputException("Style layer weight '" + w + "' in '" + p + "' is not a number; write name:weight, e.g. fire2:0.5.");
                }
            }
        }
        return out;
    }

    /** The inverse of {@link #parseList}. */
    public static String format(java.util.List<StyleLayer> layers) {
        StringBuilder sb = new StringBuilder();
        for (StyleLayer l : layers) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(l.name());
            if (l.weight() != 1.0) {
                sb.append(':').append(l.weight());
            }
        }
        return sb.toString();
    }

    /** The layers with their weights divided by their sum (all 0 when the sum is 0). */
    public static java.util.List<StyleLayer> normalised(java.util.List<StyleLayer> layers) {
        double sum = layers.stream().mapToDouble(StyleLayer::weight).sum();
        java.util.List<StyleLayer> out = new java.util.ArrayList<>();
        for (StyleLayer l : layers) {
            out.add(new StyleLayer(l.name(), sum > 0 ? l.weight() / sum : 0));
        }
        return out;
    }
}
