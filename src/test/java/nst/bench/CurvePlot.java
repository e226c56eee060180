package nst.bench;

import ij.gui.Plot;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nst.convert.ImageFiles;

/**
 * {@code CurvePlot OUT.png TITLE THRESHOLD LABEL=FILE.csv...}: draws time-to-loss curves (each CSV
 * file's lines are {@code seconds,loss}) on one plot with ImageJ's {@link Plot}, a logarithmic loss
 * axis from just below the lowest loss or THRESHOLD (the peer's final loss, drawn as a dotted
 * line) to 3 times THRESHOLD, and writes it as a PNG. Used by scripts/time_to_picture.sh for the
 * plots in BENCHMARKS.md.
 */
public final class CurvePlot {
    private static final Color[] COLORS = {new Color(0xd62728), new Color(0x1f77b4), new Color(0x2ca02c), new Color(0x9467bd)};

    private CurvePlot() { }

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: CurvePlot OUT.png TITLE THRESHOLD LABEL=FILE.csv...");
        }
        double threshold = Double.parseDouble(args[2]);
        Plot plot = new Plot(args[1], "seconds from the start (PyTorch: of its optimisation)", "total loss");
        plot.setFrameSize(640, 360);
        double tMax = 0;
        double low = threshold;
        StringBuilder legend = new StringBuilder();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("a curve is LABEL=FILE.csv, was " + args[i]);
            }
            double[][] c = read(Path.of(args[i].substring(eq + 1)));
            tMax = Math.max(tMax, c[0][c[0].length - 1]);
            low = Math.min(low, java.util.Arrays.stream(c[1]).min().orElse(threshold));
            plot.setColor(COLORS[(i - 3) % COLORS.length]);
            plot.setLineWidth(2);
            plot.addPoints(c[0], c[1], Plot.LINE);
            legend.append(args[i], 0, eq).append('\n');
        }
        plot.setColor(Color.GRAY);
        plot.setLineWidth(1);
        plot.drawDottedLine(0, threshold, tMax, threshold, 2);
        plot.addText("the peer's final loss", tMax * 0.02, threshold * 0.995);
        plot.setLimits(0, tMax, low * 0.97, threshold * 3);
        plot.setAxisYLog(true);
        plot.setColor(Color.BLACK);
        plot.addLegend(legend.toString().strip(), "top-right");
        ImageFiles.save(plot.getImagePlus(), Path.of(args[0]));
    }

    /** A CSV file's {@code seconds,loss} lines as {times, losses}; lines that do not parse (a header) are skipped. */
    static double[][] read(Path csv) throws IOException {
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.split(",");
            try {
                rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])});
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                // a header or a blank line
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(csv + " has no seconds,loss lines");
        }
        double[][] out = new double[2][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            out[0][i] = rows.get(i)[0];
            out[1][i] = rows.get(i)[1];
        }
        return out;
    }
}
