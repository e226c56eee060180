package nst.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * frame's flicker on the terminal, the result written as the kind of the input. Stopped by a
 * signal, it writes the frames done so far (and the stopped one's best image) to
 * {@code <output>-partial} and says how many.
 */
final class SequenceJob {
    private SequenceJob() { }

    static void run(PreparedRun run, Sequences.Sequence seq, Path output, ParamValues a, PrintStream out, ProgressListener progress,
                    CancellationToken stop) {
        int n = seq.count();
        List<RgbImage> inputs = new java.util.AbstractList<>() {
            @Override
            public RgbImage get(int k) {
                return k == 0 ? run.content() : Inputs.content(seq.frame(k, out::println), a);
            }

            @Override
            public int size() {
                return n;
            }
        };
        List<RgbImage> done = new ArrayList<>();
        TimeLapse.Summary s = TimeLapse.of(run).run(inputs, k -> {
            out.printf(Locale.ROOT, "Frame %d of %d%n", k + 1, n);
            return progress;
        }, stop, f -> {
            done.add(f.result().image());
            if (f.index() > 0) {
                out.printf(Locale.ROOT, "Frame %d: flicker %.2f (input %.2f)%n", f.index() + 1, f.flicker(), f.inputFlicker());
            }
        });
        Path target = s.cancelled() ? Main.partialFile(output) : output;
        if (seq.kind() == Sequences.Kind.FOLDER) {
            try {
                Files.createDirectories(target);
            } catch (java.io.IOException e) {
                throw new nst.core.StyleTransferException("The output folder " + target + " cannot be created: " + e.getMessage() + ".", e);
            }
        }
        Sequences.write(seq, target, done);
        if (s.cancelled()) {
            out.printf(Locale.ROOT, "Stopped: wrote the %d finished frame(s) and the stopped one's best image so far to %s; %s was not written.%n",
                    done.size() - 1, target, output);
            return;
        }
        out.printf(Locale.ROOT, "Wrote %d frames to %s: mean flicker %.2f (input %.2f), temporal=%s%n", n, output, s.meanFlicker(),
                s.meanInputFlicker(), a.temporal().key());
    }
}
