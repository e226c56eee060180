package nst.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nst.convert.ImageFiles;
import nst.convert.Images;
import nst.testutil.PluginJar;
import nst.testutil.TestImages;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain ImageJ's {@code -batch} under a virtual display, as a server runs macros/batch_folder.ijm:
 * an error ends the job with status 1 and the message on standard error, instead of a message box
 * that waits for ever on the invisible display. Needs xvfb-run (Debian: xvfb), which .ci/run installs.
 */
class BatchJobTest {
    @TempDir
    Path tmp;

    @Test
    void aFailingBatchJobEndsWithStatusOneAndTheMessage() throws Exception {
        Assumptions.assumeTrue(new File("/usr/bin/xvfb-run").canExecute(), "xvfb-run is installed (apt-get install xvfb)");
        Path imagej = Files.createDirectories(tmp.resolve("ImageJ"));
        Path plugins = Files.createDirectories(imagej.resolve("plugins/jars"));
        PluginJar.build(imagej.resolve("plugins"));
        Path ij = null;
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (new File(e).getName().matches("ij-1\\..*\\.jar")) {
                ij = Path.of(e);
            }
        }
        assertTrue(ij != null, "ImageJ's jar on the test class path");
        Files.copy(ij, imagej.resolve("ij.jar"));
        for (File dep : PluginJar.dependencies()) {
            Files.copy(dep.toPath(), plugins.resolve(dep.getName()));
        }
        Path in = Files.createDirectories(tmp.resolve("in"));
        ImageFiles.save(Images.toImagePlus(TestImages.pattern(40, 30, 1), "c"), in.resolve("one.png"));
        Path style = tmp.resolve("style.png");
        ImageFiles.save(Images.toImagePlus(TestImages.pattern(30, 30, 2), "s"), style);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("xvfb-run", "-a", java, "-Xmx1g", "-Dplugins.dir=" + imagej, "-jar", imagej.resolve("ij.jar").toString(),
                "-batch", Path.of("macros", "batch_folder.ijm").toAbsolutePath().toString(),
                "input=" + in + " output=" + tmp.resolve("missing") + " style=" + style + " size=48 iterations=1 models_dir=" + tmp.resolve("m"))
                .redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile()).start();
        boolean ended = p.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String err = Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8);
        assertTrue(ended, "the job ended (no message box waiting on the invisible display); stderr: " + err);
        assertEquals(1, p.exitValue(), err);
        assertTrue(err.contains("The output folder " + tmp.resolve("missing") + " does not exist"), err);
        assertEquals(List.of(), List.of(tmp.resolve("missing").toFile().list() == null ? new String[0] : tmp.resolve("missing").toFile().list()));
    }
}
