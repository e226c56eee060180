package nst.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nst.core.FeatureNetwork;
import nst.net.Vgg;

/** Tiny VGG-shaped networks with seeded weights, loaded through the real Keras-file path. */
public final class TinyNetworks {
    private TinyNetworks() { }

    /** A VGG19 with widths 4,6,8,8,8, weights from {@code seed}. */
    public static FeatureNetwork vgg19(long seed) {
        try {
            Path f = Files.createTempFile("tiny-vgg19-", ".h5");
            try {
                KerasH5Writer.write(f, KerasH5Writer.vgg(19, new int[] {4, 6, 8, 8, 8}), seed);
                return Vgg.load(f, 19);
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
