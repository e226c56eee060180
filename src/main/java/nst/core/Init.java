package nst.core;

/** Where the optimisation starts. */
public enum Init {
    /** From the content image. */
    CONTENT,
    /** From uniform noise in [0, 255), drawn from the request's seed. */
    NOISE,
    /** From a given image (init_image), resized to the content's size. */
    IMAGE;

    public String key() { return EnumKeys.key(this); }

    public static Init parse(String s) {
        return EnumKeys.parse(Init.class, s, "init");
    }
}
