package nst.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The workspace's read-only {@code ../shared} folder (the PyTorch peers and the paintings), which
 * only the benchmark programs in this package read; the product and the tests never do.
 */
public final class SharedWorkspace {
    private SharedWorkspace() { }

    public static Path dir() {
        String p = System.getProperty("nst.shared.dir", System.getenv().getOrDefault("NST_SHARED_DIR", "../shared"));
        return Path.of(p).toAbsolutePath().normalize();
    }

    /** The path, which must exist. */
    public static Path file(String relative) {
        Path f = dir().resolve(relative);
        if (!Files.exists(f)) {
            throw new IllegalStateException("Missing " + f + ": the benchmarks need the workspace's ../shared folder beside the project (or NST_SHARED_DIR).");
        }
        return f;
    }
}
