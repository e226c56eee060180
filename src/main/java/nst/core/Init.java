package nst.core;

/** Where the optimisation starts. */
public enum Init {
    /** From the content image. */
    CONTENT,
    /** From uniform noise in [0, 255), drawn from the request's seed. */
    NOISE,
    /** From a given image (init_image), resized to the content's size. */
    IMAGE;

    public String key() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static Init parse(String s) {
        for (Init o : values()) {
            if (o.key().equalsIgnoreCase(s.trim())) {
                return o;
            }
        }
        throw new BadInputException("Unknown init '" + s + "'; use content, noise or image.");
    }
}
