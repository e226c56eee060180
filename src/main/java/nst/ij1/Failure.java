package nst.ij1;

import ij.IJ;
import ij.Macro;
import java.awt.GraphicsEnvironment;

/**
 * Reports an error as the context needs. With the dialog: a message box. In a macro: the Log,
 * then the macro stops; with ImageJ's window also a message box, headless the console. With
 * {@code -batch} on a display but no ImageJ window (a server under Xvfb), where a message box
 * would wait for ever on a screen no one sees: standard error instead, and when the JVM was
 * started with {@code -batch} (a job), it exits with status 1 so the job fails.
 */
final class Failure {
    private Failure() { }

    static void report(String title, String message, boolean macro) {
        IJ.showStatus("");
        if (!macro) {
            IJ.error(title, wrap(message, 90));
            return;
        }
        IJ.log(title + ": " + message);
        if (!GraphicsEnvironment.isHeadless() && IJ.getInstance() == null) {
            // -batch on a display: a message box would wait for ever on a screen no one sees
            System.err.println(title + ": " + message);
            if (batchJob()) {
                System.exit(1);
            }
            ij.macro.Interpreter.abort();
            return;
        }
        IJ.error(title, message); // headless, ImageJ writes it to the console; with its window, a message box
        Macro.abort();
    }

    /**
     * The message in lines of at most {@code width} characters, broken at spaces (a message box
     * as wide as a long path or a long sentence would not fit the screen); longer words stay whole.
     */
    static String wrap(String message, int width) {
        StringBuilder out = new StringBuilder();
        for (String paragraph : message.split("\n", -1)) {
            int line = 0;
            if (out.length() > 0) {
                out.append('\n');
            }
            for (String word : paragraph.split(" ")) {
                if (line > 0 && line + 1 + word.length() > width) {
                    out.append('\n');
                    line = 0;
                } else if (line > 0) {
                    out.append(' ');
                    line++;
                }
                out.append(word);
                line += word.length();
            }
        }
        return out.toString();
    }

    /** The JVM runs ImageJ's (or Fiji's) -batch command: a job that must end with a failing status. */
    private static boolean batchJob() {
        String command = System.getProperty("sun.java.command", "");
        return IJ.getInstance() == null && (" " + command + " ").contains(" -batch ");
    }
}
