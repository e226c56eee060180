package nst.core;

/** The loss of one image: the weighted terms and their sum (see {@link nst.core.loss.GatysLoss}). */
public record Losses(double total, double content, double style, double tv) {
}
