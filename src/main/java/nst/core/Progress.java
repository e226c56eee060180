package nst.core;

/**
 * One progress report. {@code iteration} counts finished loss evaluations (1..total);
 * {@code losses} are those of the image evaluated in that iteration.
 */
public record Progress(int iteration, int total, Losses losses, double elapsedSeconds, double etaSeconds) {
}
