package nst.core;

/** How the frames of a sequence are tied together (the {@code temporal} key). */
public enum TemporalMode {
    /** Each frame starts from the previous frame's result as it is (no optical flow). */
    OFF,
    /** Each frame starts from the previous result warped along the optical flow of the input frames. */
    INIT,
    /** As INIT, and a temporal loss holds the frame to that warped result where the flow is consistent (Ruder et al. 2016). */
    FULL;

    public String key() { return EnumKeys.key(this); }

    public static TemporalMode parse(String s) {
        return EnumKeys.parse(TemporalMode.class, s, "temporal");
    }
}
