package nst.core;

/** Receives progress from the engine, on the engine's thread. Front ends adapt it to their UI. */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() { };

    /** A phase of set-up, e.g. "Computing style targets". */
    default void onStatus(String message) { }

    default void onIteration(Progress progress) { }

    /** The current image, every {@code previewEvery} iterations when that parameter is above 0. */
    default void onPreview(RgbImage image, int iteration) { }
}
