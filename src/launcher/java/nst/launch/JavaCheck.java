package nst.launch;

import ij.IJ;
import ij.Macro;
import ij.plugin.PlugIn;
import java.awt.GraphicsEnvironment;

/**
 * The check that the classes ImageJ and Fiji load first make, compiled for Java 8 (as every
 * class in {@code nst.launch} and the SciJava command) so that it runs on the Java that older
 * Fiji installations came with: below Java 17 it says clearly what to do instead of failing with
 * an UnsupportedClassVersionError; otherwise it hands over to the plugin itself.
 */
public final class JavaCheck {
    /** The Java release the plugin is built for. */
    public static final int REQUIRED = 17;
    /** Where to get a Fiji that comes with a current Java. */
    public static final String FIJI_DOWNLOAD = "https://imagej.net/software/fiji/downloads";

    private JavaCheck() { }

    /** The feature release of a {@code java.specification.version}: "1.8" is 8, "17" is 17, "21.0.2" is 21. */
    public static int feature(String specificationVersion) {
        String v = specificationVersion == null ? "" : specificationVersion.trim();
        if (v.startsWith("1.")) {
            v = v.substring(2);
        }
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
    }

    /** The running Java's feature release. */
    public static int running() {
        return feature(System.getProperty("java.specification.version"));
    }

    /** What a user on Java {@code running} is told. */
    public static String message(int running) {
        return "Neural Style Transfer needs Java " + REQUIRED + " or newer, and this ImageJ runs on Java " + running + ".\n"
                + "Install the current Fiji, which comes with a current Java:\n" + FIJI_DOWNLOAD + "\n"
                + "(Help > About ImageJ shows the Java that ImageJ runs on.)";
    }

    /**
     * Runs the plugin class {@code plugin} with {@code arg} when the Java is new enough; otherwise
     * shows {@link #message} (a message box with a display, else the Log and standard error, and a
     * macro stops) and returns false.
     */
    public static boolean handOver(String title, String plugin, String arg) {
        return handOver(title, plugin, arg, running());
    }

    /** As {@link #handOver(String, String, String)} on Java {@code running}. */
    static boolean handOver(String title, String plugin, String arg, int running) {
        if (running < REQUIRED) {
            String text = message(running);
            if (GraphicsEnvironment.isHeadless() || IJ.getInstance() == null) {
                IJ.log(title + ": " + text);
                System.err.println(title + ": " + text);
            } else {
                IJ.error(title, text);
            }
            if (Macro.getOptions() != null || IJ.isMacro()) {
                Macro.abort();
            }
            return false;
        }
        try {
            Class<?> c = Class.forName(plugin, true, JavaCheck.class.getClassLoader());
            ((PlugIn) c.getDeclaredConstructor().newInstance()).run(arg);
            return true;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The plugin class " + plugin + " cannot be started: " + e, e);
        }
    }
}
