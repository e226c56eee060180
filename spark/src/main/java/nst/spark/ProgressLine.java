package nst.spark;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.util.LongAccumulator;

/**
 * The driver's progress line, every few seconds while the images change: images done / total,
 * failed, images per minute. On a terminal it rewrites one line; otherwise (a log) it prints a
 * line whenever the count changes.
 */
final class ProgressLine implements BatchJob.Progress {
    private final PrintStream out;
    private final boolean terminal;
    private final long everyMillis;
    private Thread thread;

    ProgressLine(PrintStream out, boolean terminal, long everyMillis) {
        this.out = out;
        this.terminal = terminal;
        this.everyMillis = everyMillis;
    }

    @Override
    public void start(int total, LongAccumulator done, LongAccumulator failed) {
        long t0 = System.nanoTime();
        thread = new Thread(() -> {
            long shown = -1;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(everyMillis);
                    shown = show(total, done.value(), failed.value(), t0, shown);
                }
            } catch (InterruptedException e) {
                show(total, done.value(), failed.value(), t0, shown);
                if (terminal) {
                    out.println();
                }
            }
        }, "nst-spark-progress");
        thread.setDaemon(true);
        thread.start();
    }

    private long show(int total, long done, long failed, long t0, long shown) {
        long n = done + failed;
        if (n == shown && !terminal) {
            return shown;
        }
        out.print((terminal ? "\r" : "") + line(total, done, failed, (System.nanoTime() - t0) / 1e9) + (terminal ? "" : "\n"));
        out.flush();
        return n;
    }

    static String line(int total, long done, long failed, double seconds) {
        double perMinute = seconds > 0 ? (done + failed) * 60 / seconds : 0;
        return String.format(Locale.ROOT, "%d/%d images, %d failed, %.1f images/min", done + failed, total, failed, perMinute);
    }

    @Override
    public void stop() {
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
