package nst.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.Macro;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import nst.core.ProgressListener;
import nst.ij1.ManageModelsPlugin;
import nst.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model manager's macro keys, as a macro calls it (headless): verify, install, remove and the listing. */
class ManageModelsVerifyTest {
    @TempDir
    Path dir;

    @Test
    void theVerifyMacroLogsEachModel() throws Exception {
        Path installed = new ModelInstaller(dir).installFromFile(ModelFileServer.REAL, Fixtures.squeezeNetH5(), ProgressListener.NONE);
        String log = runMacro("verify");
        assertTrue(log.contains("Verifying the models in " + dir), log);
        assertTrue(log.contains("  vgg19: not installed") && log.contains("  vgg16: not installed"), log);
        assertTrue(log.contains("  squeezenet1.1: verified, " + installed), log);
    }

    /**
     * The keys the dialog records (model=, action=, from=) install and remove a model; remove deletes
     * the file and its record; the listing is a table with the status.
     */
    @Test
    void theRecordedKeysInstallListAndRemove() throws Exception {
        String installed = runMacro("model=squeezenet1.1 action=install from=[" + Fixtures.squeezeNetH5() + "]");
        assertTrue(installed.contains("Installed squeezenet1.1 (verified)"), installed);
        String listing = runMacro("");
        assertTrue(listing.matches("(?s).*\\nsqueezenet1\\.1 +\\S.* installed .*"), listing);
        assertTrue(listing.contains("    licence: "), listing);
        String removed = runMacro("model=squeezenet1.1 action=remove");
        assertTrue(removed.contains("Removed squeezenet1.1 from " + dir), removed);
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
            // only the install lock's empty file stays, for the next install in any process
            assertTrue(files.allMatch(f -> f.getFileName().toString().endsWith(".lock") && f.toFile().length() == 0), "the model and its record are gone");
        }
        String again = runMacro("model=squeezenet1.1 action=remove");
        assertTrue(again.contains("squeezenet1.1 is not installed in " + dir + " (the copy inside the plugin stays)"), again);
    }

    /** Runs the plugin with macro {@code options} on a macro's thread, models in {@link #dir}; returns the Log (stdout). */
    private String runMacro(String options) throws InterruptedException {
        String oldDir = System.getProperty(ModelLocator.PROPERTY);
        PrintStream oldOut = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        System.setProperty(ModelLocator.PROPERTY, dir.toString());
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Thread t = new Thread(() -> {
                Macro.setOptions(Thread.currentThread(), options);
                try {
                    new ManageModelsPlugin().run("");
                } catch (Throwable e) {
                    failed.set(e);
                } finally {
                    Macro.setOptions(Thread.currentThread(), null);
                }
            }, "Run$_verify-test");
            t.start();
            t.join(30_000);
        } finally {
            System.setOut(oldOut);
            if (oldDir == null) {
                System.clearProperty(ModelLocator.PROPERTY);
            } else {
                System.setProperty(ModelLocator.PROPERTY, oldDir);
            }
        }
        if (failed.get() != null) {
            throw new AssertionError(failed.get());
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
