package nst.core;

/** Receives progress from the engine, on the engine's thread. Front ends adapt it to their UI. */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() { };

    /** A phase of set-up, e.g. "Computing style targets". */
    default void onStatus(String message) { }

    default void onIteration(Progress progress) { }

    /**
     * Bytes of a transfer: {@code what} says which ("Downloading vgg19", "Copying vgg19"),
     * {@code total} is -1 when unknown, {@code bytesPerSecond} the average speed so far.
     */
    default void onTransfer(String what, long done, long total, double bytesPerSecond) { }

    /** The current image, every {@code previewEvery} iterations when that parameter is above 0. */
    default void onPreview(RgbImage image, int iteration) { }

    /**
     * Frame {@code number} (from 1), every {@code framesEvery} iterations when that parameter is
     * above 0, at the result's size. The engine keeps no frames: the front end writes or stores them.
     */
    default void onFrame(RgbImage frame, int number) { }
}
