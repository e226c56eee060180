package nst.core;

/** What the result's colours come from. */
public enum ColorMode {
    /** The style's colours (plain Gatys). */
    STYLE,
    /** The content's colours: only the luminance is taken from the optimised image (YUV swap afterwards, as neural-style -original_colors 1). */
    ORIGINAL,
    /** The style images' colour histograms are matched to the content before optimising. */
    MATCH;

    public String key() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static ColorMode parse(String s) {
        for (ColorMode m : values()) {
            if (m.key().equalsIgnoreCase(s.trim())) {
                return m;
            }
        }
        throw new BadInputException("Unknown colors '" + s + "'; use style, original or match.");
    }
}
