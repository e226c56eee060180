package nst.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Properties;
import nst.core.ModelFormatException;

/**
 * The record kept beside an installed model file ({@code <file>.verified}): the file's size,
 * last-modified time, SHA-256 and MD5, written after a full hash check. A load trusts the file
 * without hashing it while its size and modification time are those of the record and the
 * record's hash is the registry's; when the size or the time differs the file is hashed again,
 * and one whose hash no longer matches is refused with a message that says so. A file without a
 * record is hashed against the registry. {@link #problem} and {@link #verifyInFull} hash
 * regardless of the record.
 */
final class VerificationRecord {
    private VerificationRecord() { }

    static Path recordOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".verified");
    }

    /**
     * Throws a {@link ModelFormatException} unless {@code file} is the model {@code spec} describes.
     * With {@code mayRecord} a successful full check is recorded beside the file.
     */
    static void verify(ModelSpec spec, Path file, boolean mayRecord) {
        try {
            BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
            Properties record = record(file);
            if (record != null && unchanged(record, before) && agrees(spec, record)) {
                return;
            }
            Checksums.Result r = Checksums.of(file);
            String bad = mismatch(spec, r, record);
            if (bad != null) {
                throw new ModelFormatException("The installed file " + file + " is not the " + spec.id() + " model (" + bad
                        + "); it is damaged or another file" + (record == null ? "" : ", changed since it was verified at "
                        + record.getProperty("verified", "install")) + ". Delete it and install the model again.");
            }
            if (mayRecord) {
                writeRecord(file, r, before);
            }
        } catch (IOException e) {
            throw new ModelFormatException("The model file " + file + " cannot be read (" + e.getMessage()
                    + "); check its permissions, or delete it and install the model again.", e);
        }
    }

    /**
     * Hashes {@code file} in full, whatever its record says: null when it is the model
     * {@code spec} describes (and, where the registry publishes no SHA-256, still has the SHA-256
     * recorded at install), else what differs.
     */
    static String problem(ModelSpec spec, Path file) throws IOException {
        return mismatch(spec, Checksums.of(file), record(file));
    }

    /**
     * Hashes {@code file} in full, whatever its record says, and records it when it is the model
     * {@code spec} describes; false when it is not, or cannot be read.
     */
    static boolean verifyInFull(ModelSpec spec, Path file) {
        try {
            BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
            Checksums.Result r = Checksums.of(file);
            if (mismatch(spec, r, record(file)) != null) {
                return false;
            }
            writeRecord(file, r, before);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Records a file just verified as {@code r}. Best effort: a read-only folder gets no record. */
    static void writeRecord(Path file, Checksums.Result r) {
        try {
            writeRecord(file, r, Files.readAttributes(file, BasicFileAttributes.class));
        } catch (IOException e) {
            // gone or unreadable: no record
        }
    }

    private static void writeRecord(Path file, Checksums.Result r, BasicFileAttributes attrs) {
        String text = "size=" + attrs.size() + "\nmtime=" + attrs.lastModifiedTime() + "\nsha256=" + r.sha256() + "\nmd5=" + r.md5()
                + "\nverified=" + Instant.now() + "\n";
        try (PartFile tmp = PartFile.in(file.getParent(), file.getFileName() + ".verified")) {
            Files.writeString(tmp.path(), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(tmp.path(), recordOf(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            // not writable: the file is hashed at each load instead
        }
    }

    /** Whether the file's size and modification time are those recorded. */
    private static boolean unchanged(Properties record, BasicFileAttributes now) {
        return String.valueOf(now.size()).equals(record.getProperty("size"))
                && now.lastModifiedTime().toString().equals(record.getProperty("mtime"));
    }

    /** Whether the recorded hash is the one the registry publishes. */
    private static boolean agrees(ModelSpec spec, Properties record) {
        if (!spec.sha256().isEmpty()) {
            return spec.sha256().equalsIgnoreCase(record.getProperty("sha256"));
        }
        return spec.md5().isEmpty() || spec.md5().equalsIgnoreCase(record.getProperty("md5"));
    }

    private static String mismatch(ModelSpec spec, Checksums.Result r, Properties record) {
        String bad = r.mismatch(spec);
        if (bad == null && spec.sha256().isEmpty() && record != null && record.getProperty("sha256") != null
                && !record.getProperty("sha256").equalsIgnoreCase(r.sha256())) {
            bad = "its SHA-256 is " + r.sha256() + ", recorded at install " + record.getProperty("sha256");
        }
        return bad;
    }

    /** The record beside {@code file}, or null when there is none or it cannot be read. */
    private static Properties record(Path file) {
        Path record = recordOf(file);
        if (!Files.isRegularFile(record)) {
            return null;
        }
        Properties p = new Properties();
        try (var in = Files.newInputStream(record)) {
            p.load(in);
            return p;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
