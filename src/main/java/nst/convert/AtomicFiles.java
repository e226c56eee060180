package nst.convert;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import nst.core.StyleTransferException;

/**
 * Writes a file so that it is either complete or absent: the bytes go to a hidden temporary file
 * in the target's folder ({@code .nst-<random>.tmp}, created with the folder's usual permissions,
 * or those of the file it replaces; a symbolic link is written through),
 * which is written, forced to disk and closed, checked for its length, and only then renamed over
 * the target. On any failure the old target stays as it was and the temporary file is removed.
 * Temporary files left by a killed process are swept at the next write into the same folder.
 */
public final class AtomicFiles {
    /** Opens the stream a temporary file is written through (replaced in tests to simulate a full disk). */
    interface Opener {
        OutputStream open(Path tmp) throws IOException;
    }

    static final String PREFIX = ".nst-";
    static final String SUFFIX = ".tmp";
    /** A temporary file older than this belongs to no live write. */
    static final Duration STALE = Duration.ofMinutes(10);

    private AtomicFiles() { }

    public static void write(byte[] data, Path target) {
        write(data, target, p -> new FileOutputStream(p.toFile()));
    }

    static void write(byte[] data, Path output, Opener opener) {
        Path target = realTarget(output);
        Path dir = target.toAbsolutePath().getParent();
        sweep(dir);
        Path tmp = dir.resolve(PREFIX + UUID.randomUUID() + SUFFIX);
        try {
            Files.createFile(tmp);
            try (OutputStream out = opener.open(tmp)) {
                out.write(data);
                out.flush();
                if (out instanceof FileOutputStream f) {
                    f.getFD().sync();
                }
            }
            if (Files.size(tmp) != data.length) {
                throw new IOException("only " + Files.size(tmp) + " of " + data.length + " bytes were written");
            }
            keepPermissions(target, tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StyleTransferException("Writing " + target + " failed (" + e.getMessage() + "); nothing was written"
                    + (Files.exists(target) ? " and the existing file is unchanged" : "") + ". Check the free disk space and permissions.", e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a hidden name; the next write into this folder sweeps it
            }
        }
    }

    /** A symbolic link is written through: the file it points to is replaced, the link stays. */
    private static Path realTarget(Path output) {
        try {
            return Files.isSymbolicLink(output) && Files.exists(output) ? output.toRealPath() : output;
        } catch (IOException e) {
            return output;
        }
    }

    /** A file that exists keeps its permissions (a private result stays private). */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        if (Files.exists(target) && Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
        }
    }

    /** Removes this class's temporary files in {@code dir} that are older than {@link #STALE}. */
    static void sweep(Path dir) {
        Instant before = Instant.now().minus(STALE);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path p : old) {
                FileTime t = Files.getLastModifiedTime(p);
                if (t.toInstant().isBefore(before)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException ignored) {
            // best effort: an unreadable folder fails the write itself with a clear message
        }
    }
}
