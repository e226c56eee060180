package nst.ij1;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.gui.PlotWindow;
import ij.measure.ResultsTable;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nst.core.Progress;
import nst.core.ProgressListener;

/**
 * The run's losses: a live Plot window (total, content, style, total-variation and, for a
 * sequence's frames, temporal loss against
 * the iteration, log scale, one curve per scale and term), redrawn at most twice a second, and at
 * the end a table of every iteration, kept with the result (its Info) and shown as an ImageJ
 * table, which a batch-mode macro reads with the Table functions though no window opens.
 */
final class LossPlot implements ProgressListener {
    private static final Color[] TERM_COLORS = {Color.black, Color.blue, new Color(200, 0, 0), new Color(0, 140, 0), Color.magenta};
    private static final String[] TERMS = {"total", "content", "style", "tv", "temporal"};
    private static final long REDRAW_NANOS = 500_000_000L;

    /** One iteration's losses. */
    record Row(int slice, int iteration, int scale, double[] losses) { }

    private final List<Row> rows = new ArrayList<>();
    private final boolean window;
    private int slice = 1;
    private PlotWindow plotWindow;
    private long lastDraw;

    /** {@code window}: whether a live plot window opens (not in batch mode or headless). */
    LossPlot(boolean window) {
        this.window = window;
    }

    /** The next iterations belong to this frame of a sequence (1-based); the plot shows the frame running. */
    void slice(int s) {
        slice = s;
    }

    @Override
    public void onIteration(Progress p) {
        rows.add(new Row(slice, p.iteration(), p.scale(),
                new double[] {p.losses().total(), p.losses().content(), p.losses().style(), p.losses().tv(), p.losses().temporal()}));
        long now = System.nanoTime();
        if (window && now - lastDraw > REDRAW_NANOS) {
            lastDraw = now;
            draw("Style transfer loss (running" + (slice > 1 ? ", frame " + slice : "") + ")");
        }
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The last redraw, titled after the result; the table under "{@code <result> losses}"; the table in the result's Info. */
    void finish(ImagePlus result) {
        if (rows.isEmpty()) {
            return;
        }
        if (window) {
            draw(result.getTitle() + " loss" + (slice > 1 ? " (frame " + slice + ")" : ""));
        }
        ResultsTable t = table();
        result.setProperty("Info", "Neural Style Transfer losses per iteration:\n" + csv(t));
        t.show(result.getTitle() + " losses");
    }

    ResultsTable table() {
        ResultsTable t = new ResultsTable();
        for (Row r : rows) {
            t.incrementCounter();
            t.addValue("frame", r.slice());
            t.addValue("iteration", r.iteration());
            t.addValue("scale", r.scale());
            for (int k = 0; k < TERMS.length; k++) {
                t.addValue(TERMS[k], r.losses()[k]);
            }
        }
        return t;
    }

    private static String csv(ResultsTable t) {
        StringBuilder b = new StringBuilder("frame,iteration,scale,total,content,style,tv,temporal\n");
        for (int i = 0; i < t.size(); i++) {
            b.append(String.format(Locale.ROOT, "%d,%d,%d,%.6g,%.6g,%.6g,%.6g,%.6g%n", (int) t.getValue("frame", i), (int) t.getValue("iteration", i),
                    (int) t.getValue("scale", i), t.getValue("total", i), t.getValue("content", i), t.getValue("style", i), t.getValue("tv", i),
                    t.getValue("temporal", i)));
        }
        return b.toString();
    }

    private void draw(String title) {
        Plot plot = new Plot(title, "iteration", "loss");
        plot.setLogScaleY();
        int scales = rows.stream().mapToInt(Row::scale).max().orElse(1);
        double floor = 1e-6 * rows.stream().mapToDouble(r -> r.losses()[0]).max().orElse(0);
        StringBuilder legend = new StringBuilder();
        for (int k = 0; k < TERMS.length; k++) {
            for (int s = 1; s <= scales; s++) {
                final int scale = s;
                final int term = k;
                // a term far below the total (the content loss of a run that starts from the content) would stretch the log axis
                List<Row> curve = rows.stream().filter(r -> r.scale() == scale && r.slice() == slice && r.losses()[term] > floor).toList();
                if (curve.isEmpty()) {
                    continue; // a term that is 0 (no temporal loss outside a sequence) has no curve and no legend line
                }
                double[] x = curve.stream().mapToDouble(Row::iteration).toArray();
                double[] y = curve.stream().mapToDouble(r -> r.losses()[term]).toArray();
                plot.setColor(TERM_COLORS[k]);
                plot.setLineWidth(s == scales ? 2 : 1);
                plot.addPoints(x, y, Plot.LINE);
                legend.append(TERMS[k]).append(scales > 1 ? " (scale " + s + ")" : "").append('\n');
            }
        }
        plot.setLimitsToFit(false);
        plot.setColor(Color.black);
        plot.addLegend(legend.toString(), "auto");
        if (plotWindow == null || plotWindow.isClosed()) {
            plotWindow = plot.show();
            if (plotWindow != null) {
                OpenImages.markRunWindow(plotWindow.getImagePlus());
            }
        } else {
            plotWindow.drawPlot(plot);
            plotWindow.getImagePlus().setTitle(title);
        }
    }
}
