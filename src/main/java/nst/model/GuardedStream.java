package nst.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import nst.core.CancellationToken;

/**
 * A download's body that gives up on a bad server or a cancel. A read fails once more than
 * {@code maxBytes} arrived. A watchdog thread, a few times a second, closes the body when no byte
 * came for the stall time, when the average rate over the last rate window fell below the minimum
 * (checked once the download has run that long), or when the cancellation token says so; the
 * blocked read then fails with that reason, which names the host.
 */
final class GuardedStream extends InputStream {
    private final InputStream in;
    private final String host;
    private final long maxBytes;
    private final String what;
    private final DownloadLimits limits;
    private final CancellationToken cancel;
    private final AtomicLong count = new AtomicLong();
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();
    private final ScheduledExecutorService watchdog;
    private volatile long lastByte = System.nanoTime();
    private volatile String failure;

    /** {@code what} names the model in messages, {@code host} the server. */
    GuardedStream(InputStream in, String host, long maxBytes, String what, DownloadLimits limits, CancellationToken cancel) {
        this.in = in;
        this.host = host;
        this.maxBytes = maxBytes;
        this.what = what;
        this.limits = limits;
        this.cancel = cancel;
        samples.add(new long[] {lastByte, 0});
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "model-download-watchdog");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(10, Math.min(100, limits.rateWindow().toMillis() / 10));
        watchdog.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            throw failure != null ? new IOException(failure, e) : e;
        }
        if (n < 0 && failure != null) {
            throw new IOException(failure);
        }
        if (n > 0) {
            lastByte = System.nanoTime();
            if (count.addAndGet(n) > maxBytes) {
                throw new IOException(host + " sent more than the " + maxBytes + " bytes expected for " + what + "; gave up");
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        watchdog.shutdownNow();
        in.close();
    }

    /** The watchdog's round: gives up (closing the body) on a cancel, a stall or a slow average. */
    private void check() {
        long now = System.nanoTime();
        if (cancel.isCancelled()) {
            giveUp("the download of " + what + " was cancelled");
        } else if (now - lastByte > limits.stall().toNanos()) {
            giveUp("no data for " + DownloadLimits.seconds(limits.stall()) + " from " + host + ", gave up");
        } else {
            String slow = slowAverage(now);
            if (slow != null) {
                giveUp(slow);
            }
        }
    }

    /** Null while the rate over the last window is at least the minimum (or the window has not passed yet). */
    private String slowAverage(long now) {
        long window = limits.rateWindow().toNanos();
        samples.addLast(new long[] {now, count.get()});
        while (samples.size() > 2 && now - secondSample()[0] >= window) {
            samples.removeFirst();
        }
        long[] ref = samples.getFirst();
        double secs = (now - ref[0]) / 1e9;
        if (now - ref[0] < window) {
            return null;
        }
        double rate = (count.get() - ref[1]) / secs;
        if (rate >= limits.minBytesPerSecond()) {
            return null;
        }
        return "too slow: " + host + " sent " + DownloadLimits.rate(rate) + " on average over the last "
                + DownloadLimits.seconds(limits.rateWindow()) + ", below the minimum of " + DownloadLimits.rate(limits.minBytesPerSecond())
                + "; gave up";
    }

    private long[] secondSample() {
        var it = samples.iterator();
        it.next();
        return it.next();
    }

    private void giveUp(String reason) {
        if (failure != null) {
            return;
        }
        failure = reason;
        watchdog.shutdown();
        try {
            in.close();
        } catch (IOException ignored) {
            // the reader sees the failure
        }
    }
}
