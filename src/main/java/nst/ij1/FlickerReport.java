package nst.ij1;

import ij.IJ;
import ij.ImagePlus;
import java.util.Locale;
import nst.app.TimeLapse;

/** The flicker of a sequence's result and of its input, per frame pair and on average, in the Log and the result's Info. */
final class FlickerReport {
    private FlickerReport() { }

    static void report(TimeLapse.Summary s, ImagePlus result, int frames) {
        if (frames < 2) {
            return;
        }
        StringBuilder b = new StringBuilder("Neural Style Transfer flicker (mean |frame - previous frame warped| over the pixels the flow"
                + " follows, 0-255):\n");
        for (TimeLapse.Stats f : s.frames()) {
            if (f.index() > 0) {
                b.append(String.format(Locale.ROOT, "frame %d: result %.2f, input %.2f%n", f.index() + 1, f.flicker(), f.inputFlicker()));
            }
        }
        String summary = String.format(Locale.ROOT, "%d of %d frames%s; mean flicker %.2f (input %.2f)", s.frames().size(), frames,
                s.cancelled() ? " (stopped: the last is its best image so far)" : "", s.meanFlicker(), s.meanInputFlicker());
        b.append(summary).append('\n');
        IJ.log("Neural Style Transfer: " + summary);
        Object info = result.getProperty("Info");
        result.setProperty("Info", (info == null ? "" : info + "\n") + b);
    }
}
