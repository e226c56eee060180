package nst.model;

import java.time.Duration;
import java.util.Locale;

/**
 * How long and how large a model download may get. A body larger than the registry's size is
 * refused (with a margin for an approximate "~" size, and a fixed cap for an unknown "?" size);
 * a server that sends nothing for {@code stall}, or less than {@code minBytesPerSecond} on
 * average over the last {@code rateWindow}, is given up on. The rate check bounds a whole
 * download to about {@code rateWindow + maxBytes / minBytesPerSecond}.
 *
 * @param connect           longest wait for a connection
 * @param stall             longest wait for the response headers, and for the next byte
 * @param rateWindow        the span the average rate is taken over
 * @param minBytesPerSecond the lowest average rate over {@code rateWindow} that is accepted
 */
record DownloadLimits(Duration connect, Duration stall, Duration rateWindow, long minBytesPerSecond) {
    /** Extra allowed over an approximate ("~") registry size. */
    static final double APPROXIMATE_MARGIN = 0.10;
    /** The most bytes accepted for a model whose size the registry does not know ("?"). */
    static final long UNKNOWN_SIZE_CAP = 2L << 30;

    /** 20 s to connect, 30 s without a byte, at least 10 kB/s over each minute. */
    static final DownloadLimits DEFAULT = new DownloadLimits(Duration.ofSeconds(20), Duration.ofSeconds(30),
            Duration.ofSeconds(60), 10_000);

    /** The largest body accepted for {@code spec}. */
    static long maxBytes(ModelSpec spec) {
        String size = spec.size().trim();
        try {
            if (size.startsWith("~")) {
                long approx = Long.parseLong(size.substring(1).trim());
                return approx + (long) Math.ceil(approx * APPROXIMATE_MARGIN);
            }
            return Long.parseLong(size);
        } catch (NumberFormatException e) {
            return UNKNOWN_SIZE_CAP;
        }
    }

    /** "0.7 s", "30 s": a duration for messages. */
    static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return s == Math.rint(s) ? (long) s + " s" : String.format(Locale.ROOT, "%.1f s", s);
    }

    /** "12.3 kB/s": a rate for messages. */
    static String rate(double bytesPerSecond) {
        return bytesPerSecond >= 1e6 ? String.format(Locale.ROOT, "%.1f MB/s", bytesPerSecond / 1e6)
                : bytesPerSecond >= 1e3 ? String.format(Locale.ROOT, "%.1f kB/s", bytesPerSecond / 1e3)
                : String.format(Locale.ROOT, "%.0f B/s", bytesPerSecond);
    }
}
