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
import nst.testutil.Shared;
import nst.testutil.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh models folder: the plugin's offer (accepted) downloads the model from a local mirror,
 * verifies it and runs; declined, nothing is downloaded and the error names the install command.
 */
class DownloadOfferTest {
    @TempDir
    Path tmp;

    @Test
    void acceptedOfferDownloadsVerifiesAndRuns() throws Exception {
        byte[] bytes = Files.readAllBytes(Shared.squeezeNetH5());
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
        try {
            Path models = tmp.resolve("fresh models");
            ImagePlus content = Images.toImagePlus(TestImages.pattern(48, 40, 1), "c");
            ImagePlus style = Images.toImagePlus(TestImages.pattern(40, 40, 2), "s");
            ParamValues v = new ParamValues(Map.of(ParamSpec.MODEL, "squeezenet1.1", ParamSpec.SIZE, "48", ParamSpec.ITERATIONS, "2",
                    ParamSpec.MODELS_DIR, models.toString()));

            List<String> offered = new ArrayList<>();
            ModelNotFoundException e = assertThrows(ModelNotFoundException.class, () -> StyleTransferJob.run(content, style, v,
                    (spec, dir) -> offered.add(spec.id()) && false, false, CancellationToken.NEVER));
            assertTrue(e.getMessage().contains("install=squeezenet1.1"), e.getMessage());
            assertEquals(List.of("squeezenet1.1"), offered);
            assertTrue(requests.isEmpty(), "declined: nothing downloaded");

            StyleTransferJob.Outcome o = StyleTransferJob.run(content, style, v, (spec, dir) -> true, false, CancellationToken.NEVER);
            assertEquals(48, o.image().getWidth());
            assertEquals(List.of("/mirror/squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5"), requests);
            assertTrue(Files.exists(models.resolve("squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5.verified")));

            // installed now: a second run neither asks nor downloads
            StyleTransferJob.run(content, style, v, (spec, dir) -> { throw new AssertionError("asked again"); }, false, CancellationToken.NEVER);
            assertEquals(1, requests.size());
        } finally {
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
