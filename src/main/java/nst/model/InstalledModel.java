package nst.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import nst.core.ModelFormatException;

/**
 * The record kept beside an installed model file ({@code <file>.verified}: its size and SHA-256,
 * written after a full hash check). A later check compares only the size with the record, so
 * loading stays fast; a file without a record is hashed once against the registry.
 */
final class InstalledModel {
    private InstalledModel() { }

    static Path recordOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".verified");
    }

    /**
     * Throws a {@link ModelFormatException} unless {@code file} is the model {@code spec} describes.
     * With {@code mayRecord} a successful full check is recorded beside the file.
     */
    static void verify(ModelSpec spec, Path file, boolean mayRecord) {
        try {
            Path record = recordOf(file);
            if (Files.isRegularFile(record)) {
                Properties p = load(record);
                if (String.valueOf(Files.size(file)).equals(p.getProperty("size"))
                        && (spec.sha256().isEmpty() || spec.sha256().equalsIgnoreCase(p.getProperty("sha256")))) {
                    return;
                }
            }
            Checksums.Result r = Checksums.of(file);
            String bad = r.mismatch(spec);
            if (bad != null) {
                throw new ModelFormatException("The installed file " + file + " is not the " + spec.id() + " model (" + bad
                        + "); it is damaged or another file. Delete it and install the model again.");
            }
            if (mayRecord) {
                writeRecord(file, r);
            }
        } catch (IOException e) {
            throw new ModelFormatException("The model file " + file + " cannot be read (" + e.getMessage() + ").", e);
        }
    }

    /** Best effort: a read-only models folder simply gets no record, and is hashed each time. */
    static void writeRecord(Path file, Checksums.Result r) {
        Path record = recordOf(file);
        try {
            Path tmp = Files.createTempFile(file.getParent(), ".verified-", ".tmp");
            Files.writeString(tmp, "size=" + r.size() + "\nsha256=" + r.sha256() + "\nmd5=" + r.md5() + "\n");
            Files.move(tmp, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            // not writable: nothing to do
        }
    }

    private static Properties load(Path record) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newInputStream(record)) {
            p.load(in);
        }
        return p;
    }
}
