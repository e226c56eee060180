package nst.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import ij.ImagePlus;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nst.convert.Images;
import nst.core.CancellationToken;
import nst.core.ModelNotFoundException;
import nst.core.ParamSpec;
import nst.core.ParamValues;
import nst.model.ModelRegistry;
import nst.testutil.KerasH5Writer;
import nst.testutil.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh models folder: the plugin's offer (accepted) downloads the model from a local mirror,
 * verifies it and runs; declined, nothing is downloaded and the error names the install command.
 * The model is a tiny VGG19 in the released Keras 1 layout, listed under its MD5 in a registry of
 * the test's own ({@code nst.registry}), as the real VGG19 is in the packaged one.
 */
class DownloadOfferTest {
    @TempDir
    Path tmp;

    @Test
    void acceptedOfferDownloadsVerifiesAndRuns() throws Exception {
        Path vgg = tmp.resolve("vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5");
        KerasH5Writer.write(vgg, KerasH5Writer.vgg(19, new int[] {4, 4, 4, 4, 4}), 6);
        byte[] bytes = Files.readAllBytes(vgg);
        Path registry = tmp.resolve("registry.properties");
        Files.writeString(registry, "models=vgg19,squeezenet1.1\ndefault=vgg19\n"
                + "vgg19.name=VGG19\nvgg19.file=" + vgg.getFileName() + "\nvgg19.architecture=vgg19\nvgg19.size=" + bytes.length
                + "\nvgg19.md5=" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes))
                + "\nvgg19.urls=http://127.0.0.1:9/unused.h5\nvgg19.license=test\n"
                + "squeezenet1.1.name=SqueezeNet\nsqueezenet1.1.file=squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5\n"
                + "squeezenet1.1.architecture=squeezenet1.1\nsqueezenet1.1.size=3032184\nsqueezenet1.1.bundled=true\n"
                + "squeezenet1.1.sha256=2d935d8c102ad1232484a77da8e6fbdf3ff4ab608974a0d8b6283115ffff204f\n");
        List<String> requests = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/mirror/", ex -> {
            requests.add(ex.getRequestURI().getPath());
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(bytes);
            }
        });
        server.start();
        String old = System.getProperty(ModelRegistry.MIRROR_PROPERTY);
        System.setProperty(ModelRegistry.MIRROR_PROPERTY, "http://127.0.0.1:" + server.getAddress().getPort() + "/mirror");
        System.setProperty(ModelRegistry.REGISTRY_PROPERTY, registry.toString());
        try {
            Path models = tmp.resolve("fresh models");
            ImagePlus content = Images.toImagePlus(TestImages.pattern(48, 40, 1), "c");
            ImagePlus style = Images.toImagePlus(TestImages.pattern(40, 40, 2), "s");
            ParamValues v = new ParamValues(Map.of(ParamSpec.MODEL, "vgg19", ParamSpec.SIZE, "48", ParamSpec.ITERATIONS, "2",
                    ParamSpec.MODELS_DIR, models.toString()));

            List<String> offered = new ArrayList<>();
            ModelNotFoundException e = assertThrows(ModelNotFoundException.class, () -> StyleTransferJob.run(content, style, v,
                    (spec, dir) -> offered.add(spec.id()) && false, false, CancellationToken.NEVER));
            assertTrue(e.getMessage().contains("install=vgg19"), e.getMessage());
            assertEquals(List.of("vgg19"), offered);
            assertTrue(requests.isEmpty(), "declined: nothing downloaded");

            StyleTransferJob.Outcome o = StyleTransferJob.run(content, style, v, (spec, dir) -> true, false, CancellationToken.NEVER);
            assertEquals(48, o.image().getWidth());
            assertEquals(List.of("/mirror/vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5"), requests);
            assertTrue(Files.exists(models.resolve("vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5.verified")));

            // installed now: a second run neither asks nor downloads
            StyleTransferJob.run(content, style, v, (spec, dir) -> { throw new AssertionError("asked again"); }, false, CancellationToken.NEVER);
            assertEquals(1, requests.size());
        } finally {
            System.clearProperty(ModelRegistry.REGISTRY_PROPERTY);
            if (old == null) {
                System.clearProperty(ModelRegistry.MIRROR_PROPERTY);
            } else {
                System.setProperty(ModelRegistry.MIRROR_PROPERTY, old);
            }
            server.stop(0);
        }
    }

    @Test
    void styleThatIsTheContentIsRejected() {
        ImagePlus content = Images.toImagePlus(TestImages.pattern(48, 40, 1), "c");
        Exception e = assertThrows(nst.core.BadInputException.class, () -> StyleTransferJob.run(content, content,
                new ParamValues(Map.of()), null, false, CancellationToken.NEVER));
        assertTrue(e.getMessage().contains("content image itself"));
        ImagePlus closed = Images.toImagePlus(TestImages.pattern(48, 40, 2), "closed");
        closed.close();
        closed.flush();
        e = assertThrows(nst.core.BadInputException.class, () -> StyleTransferJob.run(content, closed,
                new ParamValues(Map.of()), null, false, CancellationToken.NEVER));
        assertTrue(e.getMessage().contains("was it closed"), e.getMessage());
    }
}
