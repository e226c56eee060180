package nst.core;

/** Where the style goes (the {@code region} key). */
public enum RegionMode {
    /** ImageJ: the content's area selection, if it has one (as ImageJ's filters); elsewhere the whole image. */
    SELECTION,
    /** The whole image, selection or not. */
    WHOLE,
    /** ImageJ: one style per ROI of the ROI Manager, in its order. */
    ROI_MANAGER,
    /** A label image ({@code region_image}): 0 the background, 1..n the n-th style. */
    LABELS;

    public String key() { return EnumKeys.key(this); }

    public static RegionMode parse(String s) {
        return EnumKeys.parse(RegionMode.class, s, "region");
    }
}
