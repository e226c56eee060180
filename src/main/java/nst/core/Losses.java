package nst.core;

/**
 * The loss of one image: the weighted terms and their sum (see {@link nst.core.loss.GatysLoss});
 * {@code temporal} is the temporal term of a sequence's frame (0 otherwise).
 */
public record Losses(double total, double content, double style, double tv, double temporal) {
    /** The losses of a run without a temporal term. */
    public Losses(double total, double content, double style, double tv) {
        this(total, content, style, tv, 0);
    }
}
