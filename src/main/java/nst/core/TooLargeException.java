package nst.core;

/** A run that would not fit in memory; {@link #largestSide} is the longest side that would (0: none does). */
public final class TooLargeException extends BadInputException {
    private final int largestSide;

    public TooLargeException(String message, int largestSide) {
        super(message);
        this.largestSide = largestSide;
    }

    public int largestSide() {
        return largestSide;
    }
}
