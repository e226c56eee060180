package nst.core;

/** The optimizer that updates the image's pixels. */
public enum Optimizer {
    /** Limited-memory BFGS, as in neural-style and torch.optim.LBFGS (no line search). */
    LBFGS,
    /** Adam with the learning rate in 0..255 pixel units. */
    ADAM;

    public String key() { return EnumKeys.key(this); }

    public static Optimizer parse(String s) {
        return EnumKeys.parse(Optimizer.class, s, "optimizer");
    }
}
