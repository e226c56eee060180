package nst.testutil;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files the tests read, all inside the repository: the bundled SqueezeNet in {@code models/} and
 * the fixtures in {@code src/test/resources} (their provenance is in the README beside each).
 */
public final class Fixtures {
    private Fixtures() { }

    /** The bundled SqueezeNet 1.1 weights, the source's bytes unchanged (models/PROVENANCE.txt). */
    public static Path squeezeNetH5() {
        return existing(Path.of("models", "squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5").toAbsolutePath());
    }

    /** A test resource by its path under src/test/resources, e.g. {@code nst/net/keras1/x.h5}. */
    public static Path resource(String name) {
        URL u = Fixtures.class.getClassLoader().getResource(name);
        if (u == null) {
            throw new IllegalStateException("Missing test resource " + name + " (src/test/resources/" + name + ").");
        }
        try {
            return existing(Path.of(u.toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The VGG19 file in the released Keras 1 layout, at tiny widths (nst/net/keras1/README.md). */
    public static Path vgg19Keras1Tiny() {
        return resource("nst/net/keras1/vgg19_keras1_tiny_notop.h5");
    }

    private static Path existing(Path p) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("Missing test file " + p + "; it is part of the repository.");
        }
        return p;
    }
}
