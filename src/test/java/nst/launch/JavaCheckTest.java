package nst.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The classes ImageJ and Fiji load first are Java 8 class files, check the running Java, and
 * hand over to the plugin or refuse with the message.
 */
class JavaCheckTest {
    /** Set by {@link Probe} when the hand-over runs it. */
    static volatile String ranWith;

    /** A plugin to hand over to. */
    public static final class Probe implements ij.plugin.PlugIn {
        @Override
        public void run(String arg) {
            ranWith = arg;
        }
    }

    @Test
    void theFirstLoadedClassesAreJava8ClassFiles() throws IOException {
        for (String c : List.of("nst/launch/JavaCheck", "nst/launch/StyleTransferLauncher", "nst/launch/ManageModelsLauncher",
                "nst/scijava/StyleTransferCommand")) {
            try (InputStream in = Files.newInputStream(Path.of("target/classes", c + ".class")); DataInputStream d = new DataInputStream(in)) {
                assertEquals(0xCAFEBABE, d.readInt());
                d.readUnsignedShort();
                assertEquals(52, d.readUnsignedShort(), c + " is a Java 8 class file");
            }
        }
        String config = Files.readString(Path.of("plugins.config"));
        assertTrue(config.contains("nst.launch.StyleTransferLauncher(") && config.contains("nst.launch.ManageModelsLauncher("), config);
        assertFalse(config.contains("nst.ij1."), "every menu entry goes through the launcher");
    }

    @Test
    void javaVersionsAreReadAsTheirFeatureRelease() {
        assertEquals(8, JavaCheck.feature("1.8"));
        assertEquals(11, JavaCheck.feature("11"));
        assertEquals(17, JavaCheck.feature("17"));
        assertEquals(21, JavaCheck.feature("21.0.2"));
        assertEquals(0, JavaCheck.feature(""));
        assertTrue(JavaCheck.running() >= 17);
    }

    @Test
    void anOldJavaGetsTheMessageAndANewOneThePlugin() {
        ranWith = null;
        assertFalse(JavaCheck.handOver("Neural Style Transfer", Probe.class.getName(), "x", 8));
        assertEquals(null, ranWith, "nothing runs on Java 8");
        String m = JavaCheck.message(8);
        assertTrue(m.contains("needs Java 17 or newer") && m.contains("runs on Java 8") && m.contains(JavaCheck.FIJI_DOWNLOAD), m);
        assertTrue(JavaCheck.handOver("Neural Style Transfer", Probe.class.getName(), "x", 17));
        assertEquals("x", ranWith);
    }
}
