package nst.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Properties;
import nst.core.ModelFormatException;
import nst.core.ProgressListener;
import nst.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model changed in place after it was installed: a load notices when the size or time changed, a full verify always. */
class ModelVerifierTest {
    private static final ModelSpec REAL = ModelFileServer.REAL;
    private static final ModelRegistry REGISTRY = ModelRegistry.load();

    @TempDir
    Path dir;

    private Path install() {
        return new ModelInstaller(dir).installFromFile(REAL, Fixtures.squeezeNetH5(), ProgressListener.NONE);
    }

    /** Flips one byte in the middle of {@code file}, keeping its size, and returns its time before. */
    private static FileTime flipAByte(Path file) throws IOException {
        FileTime before = Files.getLastModifiedTime(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long at = f.length() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 1);
        }
        return before;
    }

    @Test
    void aLoadCatchesASameSizeChangeWithANewTime() throws IOException {
        Path p = install();
        FileTime before = flipAByte(p);
        Files.setLastModifiedTime(p, FileTime.fromMillis(before.toMillis() + 2000)); // as any write does, however coarse the clock
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new ModelLocator(dir).file(REAL));
        assertTrue(e.getMessage().contains("its SHA-256 is") && e.getMessage().contains("damaged")
                && e.getMessage().contains("Delete it and install the model again"), e.getMessage());
    }

    @Test
    void aNewTimeAloneIsRehashedAndRecorded() throws IOException {
        Path p = install();
        FileTime later = FileTime.fromMillis(Files.getLastModifiedTime(p).toMillis() + 2000);
        Files.setLastModifiedTime(p, later);
        VerificationRecord.verify(REAL, p, true);
        Properties record = new Properties();
        try (var in = Files.newInputStream(VerificationRecord.recordOf(p))) {
            record.load(in);
        }
        assertEquals(later.toString(), record.getProperty("mtime"));
        assertEquals(String.valueOf(Files.size(p)), record.getProperty("size"));
        assertEquals(REAL.sha256(), record.getProperty("sha256"));
    }

    @Test
    void verifyAllRehashesEvenWhenSizeAndTimeAreUnchanged() throws IOException {
        Path p = install();
        assertEquals(VerifyResult.Status.VERIFIED, status(ModelVerifier.verifyAll(REGISTRY, new ModelLocator(dir)), REAL.id()));
        FileTime before = flipAByte(p);
        Files.setLastModifiedTime(p, before); // the worst case: nothing a quick check looks at changed
        VerificationRecord.verify(REAL, p, true); // a load trusts the record here
        VerifyResult r = ModelVerifier.verifyAll(REGISTRY, new ModelLocator(dir)).stream().filter(x -> x.id().equals(REAL.id()))
                .findFirst().orElseThrow();
        assertEquals(VerifyResult.Status.DAMAGED, r.status());
        assertFalse(r.ok());
        assertEquals(p, r.path());
        assertTrue(r.problem().startsWith("its SHA-256 is"), r.problem());
        assertTrue(r.describe().startsWith("squeezenet1.1: DAMAGED, " + p + " (its SHA-256 is ")
                && r.describe().endsWith("); delete it and install the model again"), r.describe());
    }

    @Test
    void installingAgainReplacesAFileDamagedWithoutATrace() throws IOException {
        Path p = install();
        Files.setLastModifiedTime(p, flipAByte(p));
        install();
        assertNull(VerificationRecord.problem(REAL, p), "replaced by a good copy");
    }

    @Test
    void verifyAllSaysWhatIsInstalledBundledOrMissing() {
        List<VerifyResult> empty = ModelVerifier.verifyAll(REGISTRY, new ModelLocator(dir.resolve("none")));
        assertEquals(List.of("vgg19", "vgg16", "squeezenet1.1"), empty.stream().map(VerifyResult::id).toList());
        assertEquals(VerifyResult.Status.NOT_INSTALLED, status(empty, "vgg19"));
        assertEquals(VerifyResult.Status.BUNDLED, status(empty, "squeezenet1.1"));
        assertTrue(empty.stream().allMatch(VerifyResult::ok));
        assertEquals("vgg19: not installed", empty.get(0).describe());
        assertEquals("squeezenet1.1: bundled in the plugin, verified", empty.get(2).describe());
        Path p = install();
        VerifyResult installed = ModelVerifier.verifyAll(REGISTRY, new ModelLocator(dir)).get(2);
        assertEquals(new VerifyResult("squeezenet1.1", VerifyResult.Status.VERIFIED, p, null), installed);
        assertEquals("squeezenet1.1: verified, " + p, installed.describe());
        assertNull(installed.problem());
    }

    private static VerifyResult.Status status(List<VerifyResult> results, String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow().status();
    }
}
