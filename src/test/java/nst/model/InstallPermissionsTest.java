package nst.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import nst.core.ProgressListener;
import nst.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An installed model (and its record) gets the permissions any new file in the folder gets, so other users can read it. */
class InstallPermissionsTest {
    @TempDir
    Path dir;

    @Test
    void installedFilesHaveTheFoldersUsualPermissions() throws IOException {
        assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null, "POSIX permissions only");
        Path probe = Files.createFile(dir.resolve("probe")); // what the umask gives a new file
        Set<PosixFilePermission> usual = Files.getPosixFilePermissions(probe);
        Files.delete(probe);
        try (ModelFileServer server = new ModelFileServer()) {
            Path downloaded = new ModelInstaller(dir).download(server.at("ok"), ProgressListener.NONE, () -> false);
            assertEquals(PosixFilePermissions.toString(usual), PosixFilePermissions.toString(Files.getPosixFilePermissions(downloaded)));
            assertEquals(PosixFilePermissions.toString(usual),
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(VerificationRecord.recordOf(downloaded))));
        }
        Files.delete(dir.resolve(ModelFileServer.REAL.fileName()));
        Path copied = new ModelInstaller(dir).installFromFile(ModelFileServer.REAL, Fixtures.squeezeNetH5(), ProgressListener.NONE);
        assertEquals(PosixFilePermissions.toString(usual), PosixFilePermissions.toString(Files.getPosixFilePermissions(copied)));
        if (usual.contains(PosixFilePermission.OTHERS_READ)) { // the usual umask 022
            assertTrue(Files.getPosixFilePermissions(copied).contains(PosixFilePermission.OTHERS_READ));
        }
    }
}
