package nst.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import nst.core.CancellationToken;
import nst.core.ModelFormatException;
import nst.core.ModelNotFoundException;
import nst.core.ProgressListener;
import nst.model.ModelLocator.Availability;
import nst.testutil.KerasH5Writer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled model and the default choice: VGG19 when installed, else the bundled SqueezeNet. */
class ModelLocatorTest {
    @TempDir
    Path tmp;

    private static final String SQUEEZENET_SHA256 = "2d935d8c102ad1232484a77da8e6fbdf3ff4ab608974a0d8b6283115ffff204f";

    private ModelRegistry registry(Path vgg19, String squeezeNetSha256) throws IOException {
        Properties p = new Properties();
        p.setProperty("models", "vgg19,squeezenet1.1");
        p.setProperty("default", "vgg19");
        p.setProperty("vgg19.name", "VGG19");
        p.setProperty("vgg19.file", vgg19.getFileName().toString());
        p.setProperty("vgg19.architecture", "vgg19");
        p.setProperty("vgg19.size", Long.toString(Files.size(vgg19)));
        p.setProperty("vgg19.md5", Checksums.of(vgg19).md5());
        p.setProperty("squeezenet1.1.name", "SqueezeNet 1.1");
        p.setProperty("squeezenet1.1.file", "squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5");
        p.setProperty("squeezenet1.1.architecture", "squeezenet1.1");
        p.setProperty("squeezenet1.1.size", "3032184");
        p.setProperty("squeezenet1.1.sha256", squeezeNetSha256);
        p.setProperty("squeezenet1.1.bundled", "true");
        return ModelRegistry.of(p);
    }

    @Test
    void theBundledModelRunsWithNoInstallAndIsTheDefaultUntilVgg19IsInstalled() throws IOException {
        Path vgg = tmp.resolve("vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5");
        KerasH5Writer.write(vgg, KerasH5Writer.vgg(19, new int[] {4, 4, 4, 4, 4}), 1);
        ModelRegistry r = registry(vgg, SQUEEZENET_SHA256);
        ModelLocator empty = new ModelLocator(tmp.resolve("empty models"));
        assertEquals(Availability.BUNDLED, empty.availability(r.get("squeezenet1.1")));
        assertEquals(Availability.MISSING, empty.availability(r.get("vgg19")));
        assertEquals("squeezenet1.1", empty.defaultModel(r).id());
        String note = empty.defaultNote(r, id -> "INSTALL " + id);
        assertTrue(note.contains("using squeezenet1.1 (bundled, fast)") && note.endsWith("INSTALL vgg19"), note);
        assertEquals("squeezenet1.1", nst.net.Networks.load("squeezenet1.1", empty.resolve("squeezenet1.1", r, s -> false, s -> "", ProgressListener.NONE,
                CancellationToken.NEVER).file()).id());
        assertTrue(!Files.exists(empty.dir()), "nothing written into the models folder");
        ModelNotFoundException e = assertThrows(ModelNotFoundException.class,
                () -> empty.resolve("vgg19", r, s -> false, s -> "HOW", ProgressListener.NONE, CancellationToken.NEVER));
        assertTrue(e.getMessage().contains("not installed") && e.getMessage().endsWith("HOW"), e.getMessage());

        Path models = tmp.resolve("models");
        new ModelInstaller(models).installFromFile(r.get("vgg19"), vgg, ProgressListener.NONE);
        ModelLocator installed = new ModelLocator(models);
        assertEquals(Availability.INSTALLED, installed.availability(r.get("vgg19")));
        assertEquals("vgg19", installed.defaultModel(r).id());
        assertEquals("No model named: using vgg19.", installed.defaultNote(r, id -> "INSTALL " + id));
    }

    @Test
    void aBundledFileWithTheWrongHashIsRefused() throws IOException {
        Path vgg = tmp.resolve("vgg19.h5");
        KerasH5Writer.write(vgg, KerasH5Writer.vgg(19, new int[] {4, 4, 4, 4, 4}), 1);
        ModelRegistry r = registry(vgg, SQUEEZENET_SHA256.replace('2', '3'));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new ModelLocator(tmp).file(r.get("squeezenet1.1")));
        assertTrue(e.getMessage().contains("bundled in the plugin is damaged"), e.getMessage());
    }
}
