package nst.cli;

import java.io.PrintStream;
import java.util.Locale;
import nst.core.Progress;
import nst.core.ProgressListener;

/** A progress bar on the terminal (one redrawn line), or a line every 5% when not on a terminal. */
final class TerminalProgress implements ProgressListener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean redraw;
    private long lastTransferLine;

    TerminalProgress(PrintStream out, boolean redraw) {
        this.out = out;
        this.redraw = redraw;
    }

    @Override
    public void onStatus(String message) {
        out.println(message + "...");
    }

    @Override
    public void onIteration(Progress p) {
        int every = Math.max(1, p.total() / 20);
        boolean last = p.iteration() == p.total();
        if (!redraw && p.iteration() % every != 0 && !last && p.iteration() != 1) {
            return;
        }
        int filled = (int) ((long) WIDTH * p.iteration() / p.total());
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String line = String.format(Locale.ROOT, "[%s] %d/%d%s  loss %.4g  %.2f s/it  ETA %s", bar, p.iteration(), p.total(),
                p.scales() > 1 ? " (" + p.where() + ")" : "", p.losses().total(), p.elapsedSeconds() / p.iteration(),
                Progress.minutesSeconds(p.etaSeconds()));
        if (redraw) {
            out.print("\r" + line + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void onTransfer(String what, long done, long total, double bytesPerSecond) {
        long now = System.nanoTime();
        boolean last = done == total;
        if (!last && now - lastTransferLine < (redraw ? 200_000_000L : 2_000_000_000L)) {
            return;
        }
        lastTransferLine = now;
        String eta = total > 0 && bytesPerSecond > 0 ? "  ETA " + Progress.minutesSeconds((total - done) / bytesPerSecond) : "";
        String line = String.format(Locale.ROOT, "%s: %.1f/%s MB  %.2f MB/s%s", what, done / 1e6,
                total > 0 ? String.format(Locale.ROOT, "%.1f", total / 1e6) : "?", bytesPerSecond / 1e6, eta);
        if (redraw) {
            out.print("\r" + line + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

}
