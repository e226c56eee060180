package nst.core;

/**
 * One progress report. {@code iteration} counts finished loss evaluations over all scales and
 * tiles (1..total); {@code losses} are those of the image evaluated in that iteration. The run
 * is at {@code scale} (1..scales, coarse to fine), at {@code scaleIteration} of that scale's (or
 * tile's) {@code scaleIterations}.
 */
public record Progress(int iteration, int total, Losses losses, double elapsedSeconds, double etaSeconds,
                       int scale, int scales, int scaleIteration, int scaleIterations) {
    /** A report of a single-scale run. */
    public Progress(int iteration, int total, Losses losses, double elapsedSeconds, double etaSeconds) {
        this(iteration, total, losses, elapsedSeconds, etaSeconds, 1, 1, iteration, total);
    }

    /** "scale 1 of 2, 12/15" (or "12/60" for one scale): where the run is, counted within its scale. */
    public String where() {
        return scales > 1 ? "scale " + scale + " of " + scales + ", " + scaleIteration + "/" + scaleIterations : iteration + "/" + total;
    }

    /** "m:ss", for time left and similar. */
    public static String minutesSeconds(double seconds) {
        long s = Math.round(seconds);
        return String.format(java.util.Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
