package nst.core;

/** The optimizer that updates the image's pixels. */
public enum Optimizer {
    /** Limited-memory BFGS, as in neural-style and torch.optim.LBFGS (no line search). */
    LBFGS,
    /** Adam with the learning rate in 0..255 pixel units. */
    ADAM;

    public String key() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static Optimizer parse(String s) {
        for (Optimizer o : values()) {
            if (o.key().equalsIgnoreCase(s.trim())) {
                return o;
            }
        }
        throw new BadInputException("Unknown optimizer '" + s + "'; use lbfgs or adam.");
    }
}
