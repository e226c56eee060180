package nst.core;

/**
 * One progress report. {@code iteration} counts finished loss evaluations (1..total);
 * {@code losses} are those of the image evaluated in that iteration.
 */
public record Progress(int iteration, int total, Losses losses, double elapsedSeconds, double etaSeconds) {
    /** "m:ss", for time left and similar. */
    public static String minutesSeconds(double seconds) {
        long s = Math.round(seconds);
        return String.format(java.util.Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
