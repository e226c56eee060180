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
 * Plain ImageJ's {@code -batch} under a virtual display, as a server runs macros: an error ends
 * the job with status 1 and the message on standard error, instead of a message box that waits
 * for ever on the invisible display; and the ROI Manager, which ImageJ only has with a display,
 * gives each ROI its style. Needs xvfb-run (Debian: xvfb), which .ci/run installs.
 */
class BatchJobTest {
    @TempDir
    Path tmp;

    /** An ImageJ folder with the plugin, and the result of running {@code macro} with {@code args} in it with -batch. */
    private record Job(boolean ended, int status, String err) { }

    private Job batch(Path macro, String args) throws Exception {
        Assumptions.assumeTrue(new File("/usr/bin/xvfb-run").canExecute(), "xvfb-run is installed (apt-get install xvfb)");
        Path imagej = Files.createDirectories(tmp.resolve("ImageJ"));
        Path plugins = Files.createDirectories(imagej.resolve("plugins/jars"));
        if (!Files.exists(imagej.resolve("ij.jar"))) {
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
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder("xvfb-run", "-a", java, "-Xmx1g", "-Dplugins.dir=" + imagej, "-Duser.home=" + tmp, "-jar",
                imagej.resolve("ij.jar").toString(), "-batch", macro.toAbsolutePath().toString(), args)
                .redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(err.toFile()).start();
        boolean ended = p.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        return new Job(ended, ended ? p.exitValue() : -1, Files.readString(err, StandardCharsets.UTF_8));
    }

    private Path image(String name, long seed, int w, int h) {
        Path f = tmp.resolve(name);
        ImageFiles.save(Images.toImagePlus(TestImages.pattern(w, h, seed), name), f);
        return f;
    }

    @Test
    void aFailingBatchJobEndsWithStatusOneAndTheMessage() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        ImageFiles.save(Images.toImagePlus(TestImages.pattern(40, 30, 1), "c"), in.resolve("one.png"));
        Path style = image("style.png", 2, 30, 30);
        Job job = batch(Path.of("macros", "batch_folder.ijm"),
                "input=" + in + " output=" + tmp.resolve("missing") + " style=" + style + " size=48 iterations=1 models_dir=" + tmp.resolve("m"));
        assertTrue(job.ended(), "the job ended (no message box waiting on the invisible display); stderr: " + job.err());
        assertEquals(1, job.status(), job.err());
        assertTrue(job.err().contains("The output folder " + tmp.resolve("missing") + " does not exist"), job.err());
        assertEquals(List.of(), List.of(tmp.resolve("missing").toFile().list() == null ? new String[0] : tmp.resolve("missing").toFile().list()));
    }

    /**
     * Two ROIs in the ROI Manager (as a macro adds them in batch mode) take the two style images,
     * each its own; a third ROI without a style stops the job with the ROI named.
     */
    @Test
    void roiManagerRegionsTakeOneStyleEach() throws Exception {
        Path content = image("content.png", 1, 40, 30);
        String styles = image("style a.png", 2, 30, 30) + "," + image("style b.png", 7, 30, 30);
        Path out = tmp.resolve("two regions.png");
        Path macro = tmp.resolve("regions.ijm");
        Files.writeString(macro, "setBatchMode(true); open(getArgument());\n"
                + "roiManager('reset'); makeRectangle(0, 0, 20, 30); roiManager('add'); makeRectangle(20, 0, 20, 30); roiManager('add');\n"
                + "if (File.exists('" + tmp.resolve("third") + "')) { makeRectangle(5, 5, 5, 5); roiManager('add'); }\n"
                + "run('Select None');\n"
                + "run('Neural Style Transfer', 'style=[" + styles + "] region=roi_manager size=40 iterations=2 output=[" + out + "] models_dir=["
                + tmp.resolve("m") + "]');\n");
        Job ok = batch(macro, content.toString());
        assertTrue(ok.ended() && ok.status() == 0 && Files.exists(out), ok.err());
        Files.createFile(tmp.resolve("third"));
        Job third = batch(macro, content.toString());
        assertTrue(third.ended(), third.err());
        assertEquals(1, third.status(), third.err());
        assertTrue(third.err().contains("ROI 3 ('") && third.err().contains("has no style"), third.err());
    }
}
