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
 * a bundled file inside a jar is copied once per JVM to a temporary file, which is removed when
 * the JVM exits; run from the build's class folder it is read in place. Either way its hash is
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
            Path file = "file".equals(url.getProtocol()) ? Path.of(url.toURI()) : copy(url, spec);
            String bad = Checksums.of(file).mismatch(spec);
            if (bad != null) {
                throw new ModelFormatException("The model " + spec.id() + " bundled in the plugin is damaged (" + bad
                        + "); install the plugin again.");
            }
            return file;
        } catch (IOException | URISyntaxException e) {
            throw new ModelFormatException("The model " + spec.id() + " bundled in the plugin cannot be read (" + e.getMessage()
                    + "); install the plugin again.", e);
        }
    }

    private static Path copy(URL url, ModelSpec spec) throws IOException {
        Path tmp = Files.createTempFile("nst-bundled-", "-" + spec.fileName());
        tmp.toFile().deleteOnExit();
        try (InputStream in = url.openStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        return tmp;
    }
}
