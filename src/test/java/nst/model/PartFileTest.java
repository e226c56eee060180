package nst.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import nst.core.ProgressListener;
import nst.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary files of an install: removed on exit, and those a killed install left are removed by the next install. */
class PartFileTest {
    private static final ModelSpec REAL = ModelFileServer.REAL;

    @TempDir
    Path dir;

    private List<String> partFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")).sorted().toList();
        }
    }

    @Test
    void theNextInstallRemovesWhatKilledInstallsLeft() throws IOException {
        Path stale = dir.resolve("." + REAL.fileName() + "-8123456789012345.part"); // as Files.createTempFile names them
        Path stale2 = dir.resolve("." + REAL.fileName() + "-3fa9c0de.part");
        Path otherModel = dir.resolve(".vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5-123.part");
        Files.write(stale, new byte[700_000]);
        Files.write(stale2, new byte[10]);
        Files.write(otherModel, new byte[10]);
        List<String> statuses = new CopyOnWriteArrayList<>();
        ProgressListener l = new ProgressListener() {
            @Override
            public void onStatus(String message) {
                statuses.add(message);
            }
        };
        new ModelInstaller(dir).installFromFile(REAL, Fixtures.squeezeNetH5(), l);
        assertEquals(List.of(otherModel.getFileName().toString()), partFiles(), "only another model's file is left");
        assertTrue(statuses.contains("Removed 2 unfinished download(s) of squeezenet1.1 (0.7 MB)"), statuses.toString());
        // also when the model is already installed
        Files.write(stale, new byte[10]);
        new ModelInstaller(dir).installFromFile(REAL, Fixtures.squeezeNetH5(), ProgressListener.NONE);
        assertFalse(Files.exists(stale));
    }

    @Test
    void aDownloadStoppedByTheUserLeavesNoTemporaryFile() throws Exception {
        assumeFalse(System.getProperty("os.name").startsWith("Windows"), "Process.destroy runs no shutdown hooks on Windows");
        try (ModelFileServer server = new ModelFileServer()) {
            Process child = ChildInstall.start(dir, server.url("slow"), 0);
            assertEquals(1, partFiles().size(), "the download is under way: " + partFiles());
            child.destroy(); // SIGTERM, as Ctrl-C or closing ImageJ: the JVM runs its shutdown hooks
            assertTrue(child.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(List.of(), partFiles());
            assertFalse(Files.exists(dir.resolve(REAL.fileName())));
        }
    }

    @Test
    void theShutdownHookRemovesTheFileAndCloseRemovesTheHook() throws IOException {
        PartFile part = PartFile.in(dir, REAL.fileName());
        String name = part.path().getFileName().toString();
        assertTrue(name.matches("\\." + java.util.regex.Pattern.quote(REAL.fileName()) + "-[0-9a-f]+\\.part"), name);
        Files.write(part.path(), new byte[10]);
        part.delete(); // what the hook runs
        assertFalse(Files.exists(part.path()));
        Files.write(part.path(), new byte[10]);
        part.close();
        assertFalse(Files.exists(part.path()));
    }
}
