package nst.core;

/** What the result's colours come from. */
public enum ColorMode {
    /** The style's colours (plain Gatys). */
    STYLE,
    /** The content's colours: only the luminance is taken from the optimised image (YUV swap afterwards, as neural-style -original_colors 1). */
    ORIGINAL,
    /** The style images' colour histograms are matched to the content before optimising. */
    MATCH;

    public String key() { return EnumKeys.key(this); }

    public static ColorMode parse(String s) {
        return EnumKeys.parse(ColorMode.class, s, "colors");
    }
}
