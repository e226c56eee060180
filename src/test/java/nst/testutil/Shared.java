package nst.testutil;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The read-only resources in {@code ../shared} (models, images, peers) beside the project. */
public final class Shared {
    private Shared() { }

    public static Path dir() {
        String p = System.getProperty("nst.shared.dir", System.getenv().getOrDefault("NST_SHARED_DIR", "../shared"));
        return Path.of(p).toAbsolutePath().normalize();
    }

    /** The path, which must exist (the tests are meant to run with ../shared present). */
    public static Path file(String relative) {
        Path f = dir().resolve(relative);
        if (!Files.exists(f)) {
            throw new IllegalStateException("Missing shared resource " + f + "; run the tests with ../shared beside the project (or set NST_SHARED_DIR).");
        }
        return f;
    }

    public static Path squeezeNetH5() {
        return file("models/squeezenet1.1-notop/squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5");
    }

    static void assumePresent(Path p) {
        Assumptions.assumeTrue(Files.exists(p));
    }
}
