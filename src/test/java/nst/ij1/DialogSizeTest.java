package nst.ij1;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dialog's pages, shown for a stack on a 1366 x 768 virtual display (a laptop's screen),
 * fit on it whole: OK, Advanced... and Cancel included; and the size starts at no more than the
 * content's own. Needs xvfb-run (Debian: xvfb), which
 * .ci/run installs.
 */
class DialogSizeTest {
    @TempDir
    Path tmp;

    @Test
    void bothPagesFitALaptopScreenWithAStackActive() throws Exception {
        Assumptions.assumeTrue(new File("/usr/bin/xvfb-run").canExecute(), "xvfb-run is installed (apt-get install xvfb)");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("xvfb-run", "-a", "-s", "-screen 0 1366x768x24", javaBin, "-Xmx1g", "-Duser.home=" + tmp,
                "-cp", System.getProperty("java.class.path"), DialogProbe.class.getName())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile()).start();
        boolean ended = p.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String out = Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8);
        assertTrue(ended && out.contains("screen 1366x768"), out);
        assertTrue(out.contains("size field 64"), "a 40 px stack starts at 64, not the default 512: " + out);
        for (String page : new String[] {"main", "advanced"}) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + page + " (-?\\d+) (-?\\d+) (\\d+) (\\d+)$").matcher(out);
            assertTrue(m.find(), page + " page shown: " + out);
            int y = Integer.parseInt(m.group(2));
            int w = Integer.parseInt(m.group(3));
            int h = Integer.parseInt(m.group(4));
            assertTrue(h <= 768 - 40 && y >= 0 && y + h <= 768, page + " page is " + w + "x" + h + " at y=" + y + ": " + out);
            assertTrue(w <= 1366, page + " page is " + w + " wide");
        }
    }
}
