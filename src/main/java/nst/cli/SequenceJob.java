package nst.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import nst.app.PreparedRun;
import nst.app.TimeLapse;
import nst.convert.Inputs;
import nst.core.CancellationToken;
import nst.core.ParamValues;
import nst.core.ProgressListener;
import nst.core.RgbImage;

/**
 * A sequence on the command line: every frame through {@link TimeLapse}, "frame k of n" and each
 * frame's flicker on the terminal, the result written as the kind of the input (a folder's frames
 * as each is done). Stopped by a signal or an error (an unreadable frame), it keeps what was done:
 * a folder keeps the frames written; a TIFF or AVI goes to {@code <output>-partial}; and it says how many.
 */
final class SequenceJob {
    private SequenceJob() { }

    static void run(PreparedRun run, Sequences.Sequence seq, Path output, ParamValues a, PrintStream out, ProgressListener progress,
                    CancellationToken stop) {
        int n = seq.count();
        List<RgbImage> inputs = TimeLapse.lazily(n, k -> k == 0 ? run.content() : Inputs.content(seq.frame(k, out::println), a));
        Sequences.Writer writer = new Sequences.Writer(seq, output);
        TimeLapse.Summary s;
        try {
            s = TimeLapse.of(run).run(inputs, k -> {
                out.printf(Locale.ROOT, "Frame %d of %d%n", k + 1, n);
                return progress;
            }, stop, f -> {
                writer.add(f.result().image());
                if (f.index() > 0) {
                    out.printf(Locale.ROOT, "Frame %d: flicker %.2f (input %.2f)%n", f.index() + 1, f.flicker(), f.inputFlicker());
                }
            });
        } catch (RuntimeException e) {
            keep(seq, writer, output, out, "Failed at frame " + (writer.written() + 1));
            throw e;
        }
        if (s.cancelled()) {
            keep(seq, writer, output, out, "Stopped");
            return;
        }
        writer.finish(output);
        out.printf(Locale.ROOT, "Wrote %d frames to %s: mean flicker %.2f (input %.2f), temporal=%s%n", n, output, s.meanFlicker(),
                s.meanInputFlicker(), a.temporal().key());
    }

    /** Keeps the frames done and says where. */
    private static void keep(Sequences.Sequence seq, Sequences.Writer writer, Path output, PrintStream out, String what) {
        if (writer.written() == 0) {
            out.printf(Locale.ROOT, "%s: no frame was finished; nothing was written.%n", what);
            return;
        }
        Path target = seq.kind() == Sequences.Kind.FOLDER ? output : Main.partialFile(output);
        writer.finish(target);
        out.printf(Locale.ROOT, "%s: the %d frame(s) done (the last may be a stopped frame's best image so far) are in %s%s.%n", what,
                writer.written(), target, seq.kind() == Sequences.Kind.FOLDER ? "" : "; " + output + " was not written");
    }
}
