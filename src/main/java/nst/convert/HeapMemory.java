package nst.convert;

import java.util.Locale;
import nst.core.BadInputException;
import nst.core.TooLargeException;

/**
 * The Java heap that images are decoded and resized in (the networks' arrays are native memory,
 * checked by the model's memory estimate). Checked before the work, so a too large image gets a
 * message with a size that fits instead of an OutOfMemoryError.
 */
public final class HeapMemory {
    /** Bytes per pixel of a decoded image: the decoder's raster and ImageJ's int pixels. */
    static final long DECODE_BYTES_PER_PIXEL = 8;
    /**
     * Bytes per pixel of an engine input at its peak: the resized ImageJ image (4), the float RGB
     * image (12), and the engine's copies of it on the way to the network (2 x 12, rounded up).
     */
    static final long INPUT_BYTES_PER_PIXEL = 48;
    /** The hint every message ends with. */
    public static final String MORE_MEMORY = "or give Java more memory (scripts/nst: NST_JAVA_OPTS=-Xmx8g; ImageJ: Edit > Options > Memory & Threads)";

    private HeapMemory() { }

    /** Heap bytes that can still be allocated. */
    public static long free() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** Throws unless an image of {@code width x height} can be decoded. */
    static void requireDecodable(String what, long width, long height) {
        long need = width * height * DECODE_BYTES_PER_PIXEL;
        long free = free();
        if (need > free) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "The %s is %dx%d pixels: decoding it needs about %.1f GB of Java memory and %.1f GB are free. Scale it down first, %s.",
                    what, width, height, need / 1e9, free / 1e9, MORE_MEMORY));
        }
    }

    /**
     * Throws unless the engine's inputs fit: {@code pixels} result pixels and {@code stylePixels}
     * style pixels, naming the largest {@code size} that fits.
     */
    static void requireInputs(long pixels, long stylePixels, int size) {
        long need = (pixels + stylePixels) * INPUT_BYTES_PER_PIXEL;
        long free = free();
        if (need > free) {
            System.gc(); // what looks used may be garbage (the images of a run tried just before)
            free = free();
        }
        if (need > free) {
            int fits = Math.max(8, (int) Math.floor(size * Math.sqrt((double) free / need)));
            throw new TooLargeException(String.format(Locale.ROOT,
                    "Images of size=%d need about %.1f GB of Java memory and %.1f GB are free; use size=%d or less, %s.",
                    size, need / 1e9, free / 1e9, fits, MORE_MEMORY), fits);
        }
    }
}
