package nst.model;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import nst.core.ModelFormatException;

/**
 * The model files packed into the plugin jar (the build copies them from the top-level
 * {@code models/} folder to {@code nst/model/} in the jar). HDF5 needs a file it can seek in, so
 * a bundled file inside a jar is copied out to the temporary folder (see {@link #copy}); run from
 * the build's class folder it is read in place. Either way its hash is
 * checked against the registry before first use, like an installed model's.
 */
final class BundledModels {
    private static final Map<ModelSpec, Path> VERIFIED = new ConcurrentHashMap<>();

    private BundledModels() { }

    /** The bundled file of {@code spec}, or empty when the model is not bundled (or not in this build). */
    static Optional<Path> file(ModelSpec spec) {
        if (!spec.bundled()) {
            return Optional.empty();
        }
        URL url = BundledModels.class.getResource(spec.fileName());
        if (url == null) {
            return Optional.empty();
        }
        return Optional.of(VERIFIED.computeIfAbsent(spec, s -> verified(s, url)));
    }

    private static Path verified(ModelSpec spec, URL url) {
        try {
            if (!"file".equals(url.getProtocol())) {
                return copy(url, spec);
            }
            Path file = Path.of(url.toURI());
            requireIntact(spec, file);
            return file;
        } catch (IOException | URISyntaxException e) {
            throw new ModelFormatException("The model " + spec.id() + " bundled in the plugin cannot be read (" + e.getMessage()
                    + "); install the plugin again.", e);
        }
    }

    private static void requireIntact(ModelSpec spec, Path file) throws IOException {
        String bad = Checksums.of(file).mismatch(spec);
        if (bad != null) {
            throw new ModelFormatException("The model " + spec.id() + " bundled in the plugin is damaged (" + bad
                    + "); install the plugin again.");
        }
    }

    /** Removes partial copies that a killed process left (older than an hour). */
    private static void sweepParts(Path dir) {
        java.time.Instant hourAgo = java.time.Instant.now().minusSeconds(3600);
        try (java.nio.file.DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "nst-bundled-*.part")) {
            for (Path p : parts) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(hourAgo)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // another user's files, or none: nothing to do
        }
    }

    /**
     * The bundled file copied out of the jar, to one name per content in the temporary folder
     * ({@code nst-bundled-<hash>-<file>}), which later runs reuse, so a killed process leaves no
     * new copy behind; where that name is another user's, a private copy removed at exit. Either
     * way the file returned has been hashed once against the registry.
     */
    private static Path copy(URL url, ModelSpec spec) throws IOException {
        String hash = spec.sha256().isEmpty() ? spec.md5() : spec.sha256();
        Path shared = Path.of(System.getProperty("java.io.tmpdir"), "nst-bundled-" + hash.substring(0, Math.min(16, hash.length()))
                + "-" + spec.fileName());
        if (Files.isRegularFile(shared) && Files.isReadable(shared) && Checksums.of(shared).mismatch(spec) == null) {
            return shared;
        }
        sweepParts(shared.getParent());
        Path tmp = Files.createTempFile(shared.getParent(), "nst-bundled-", ".part");
        try {
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                // readable by every user, whatever the umask: the next user reuses it instead of copying again
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (InputStream in = url.openStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            requireIntact(spec, tmp);
            try {
                Files.move(tmp, shared, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return shared;
            } catch (IOException notOurs) {
                tmp.toFile().deleteOnExit();
                Path own = tmp;
                tmp = null;
                return own;
            }
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
