package nst.core.loss;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * SameDiff 1.0.0-M2.1 prints one "Added differentiated op ..." line per op to System.out while it
 * builds a gradient function (an unconditional println). This runs that step with those lines,
 * and only those, dropped, so the command line and ImageJ's console stay readable.
 */
final class SameDiffNoise {
    private static final String NOISE = "Added differentiated op";

    private SameDiffNoise() { }

    static synchronized void quietly(Runnable r) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(new LineFilter(original), true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.out.flush();
            System.setOut(original);
        }
    }

    /** Passes every line through except SameDiff's noise. */
    private static final class LineFilter extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineFilter(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n') {
                flushLine();
            }
        }

        @Override
        public void flush() {
            if (line.size() > 0) {
                flushLine();
            }
            target.flush();
        }

        private void flushLine() {
            String s = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (!s.startsWith(NOISE)) {
                target.print(s);
            }
        }
    }
}
