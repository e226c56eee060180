package nst.model;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import nst.testutil.Fixtures;

/**
 * A local HTTP server on 127.0.0.1 serving the real SqueezeNet file in good and bad ways, one
 * path prefix per behaviour: ok, slow (a pause every 64 kB), drip (one byte every 50 ms), huge
 * (announces 1 TB), twice (the file twice, chunked, no length).
 */
final class ModelFileServer implements AutoCloseable {
    static final ModelSpec REAL = ModelRegistry.load().get("squeezenet1.1");
    final byte[] file;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "model-file-server");
        t.setDaemon(true);
        return t;
    });

    ModelFileServer() throws IOException {
        file = Files.readAllBytes(Fixtures.squeezeNetH5());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(pool);
        server.createContext("/ok/", ex -> send(ex, file, file.length, 0));
        server.createContext("/slow/", ex -> send(ex, file, file.length, 150));
        server.createContext("/drip/", ex -> {
            ex.sendResponseHeaders(200, file.length);
            try (OutputStream o = ex.getResponseBody()) {
                for (int i = 0; i < file.length; i++) {
                    o.write(file[i]);
                    o.flush();
                    sleep(50);
                }
            } catch (IOException clientGone) {
                // the client gave up
            }
        });
        server.createContext("/huge/", ex -> {
            byte[] twice = new byte[2 * file.length];
            System.arraycopy(file, 0, twice, 0, file.length);
            System.arraycopy(file, 0, twice, file.length, file.length);
            send(ex, twice, 1L << 40, 0);
        });
        server.createContext("/twice/", ex -> {
            byte[] twice = new byte[2 * file.length];
            System.arraycopy(file, 0, twice, 0, file.length);
            System.arraycopy(file, 0, twice, file.length, file.length);
            send(ex, twice, 0, 0);
        });
        server.start();
    }

    /** The URL of the model file under {@code kind}. */
    String url(String kind) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + kind + "/" + REAL.fileName();
    }

    /** The real model, downloaded from the given URLs, not bundled. */
    static ModelSpec spec(String size, String... urls) {
        return new ModelSpec(REAL.id(), REAL.name(), REAL.fileName(), REAL.architecture(), size, REAL.sha256(), REAL.md5(),
                List.of(urls), REAL.license(), false);
    }

    ModelSpec at(String... kinds) {
        List<String> urls = new ArrayList<>();
        for (String k : kinds) {
            urls.add(url(k));
        }
        return spec(REAL.size(), urls.toArray(String[]::new));
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    /** {@code declared}: the Content-Length, 0 for chunked. */
    static void send(HttpExchange ex, byte[] body, long declared, int pauseMsPer64k) throws IOException {
        try {
            ex.sendResponseHeaders(200, declared);
            OutputStream o = ex.getResponseBody();
            for (int off = 0; off < body.length; off += 65536) {
                o.write(body, off, Math.min(65536, body.length - off));
                if (pauseMsPer64k > 0) {
                    o.flush();
                    sleep(pauseMsPer64k);
                }
            }
            o.close();
        } catch (IOException clientGoneOrShort) {
            // the client gave up, or fewer bytes than announced were sent
        }
        ex.close();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
