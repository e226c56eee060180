package nst.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import nst.core.ProgressListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Servers that send too much, too slowly, or cannot be reached: each download fails soon, says why and where, and leaves nothing. */
class DownloadGuardsTest {
    private static ModelFileServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        server = new ModelFileServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** 5 s to connect, 1.5 s without a byte, at least 50 kB/s over each second (a loaded 2-core machine still passes). */
    private ModelInstaller installer() {
        return new ModelInstaller(dir, new DownloadLimits(Duration.ofSeconds(5), Duration.ofMillis(1500), Duration.ofSeconds(1), 50_000),
                tmp -> Files.newOutputStream(tmp));
    }

    private String failure(ModelSpec spec) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(ModelDownloadException.class,
                () -> installer().download(spec, ProgressListener.NONE, () -> false)).getMessage());
    }

    private void assertNothingLeft() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".lock")).toList());
        }
    }

    @Test
    void sizeCapsFromTheRegistry() {
        assertEquals(3032184, DownloadLimits.maxBytes(ModelFileServer.spec("3032184")));
        assertEquals(88_148_087, DownloadLimits.maxBytes(ModelFileServer.spec("~80134624")), "10% over an approximate size");
        assertEquals(DownloadLimits.UNKNOWN_SIZE_CAP, DownloadLimits.maxBytes(ModelFileServer.spec("?")));
    }

    @Test
    void anAnnouncedLengthAboveTheSizeIsRefusedBeforeTheBody() throws IOException {
        long t0 = System.nanoTime();
        String m = failure(server.at("huge"));
        assertTrue(m.contains("127.0.0.1 announces 1099511627776 bytes, more than the 3032184 expected for squeezenet1.1"), m);
        assertTrue((System.nanoTime() - t0) / 1e9 < 4, "refused at once");
        assertNothingLeft();
    }

    @Test
    void aBodyLongerThanTheSizeIsCutOff() throws IOException {
        String m = failure(server.at("twice"));
        assertTrue(m.contains("127.0.0.1 sent more than the 3032184 bytes expected for squeezenet1.1"), m);
        assertNothingLeft();
    }

    @Test
    void anApproximateSizeAllowsTenPercentMore() throws IOException {
        String m = failure(ModelFileServer.spec("~2000000", server.url("ok")));
        assertTrue(m.contains("127.0.0.1 announces 3032184 bytes, more than the 2200000 expected"), m);
        assertNothingLeft();
        installer().download(ModelFileServer.spec("~2800000", server.url("ok")), ProgressListener.NONE, () -> false);
        assertTrue(Files.isRegularFile(dir.resolve(ModelFileServer.REAL.fileName())));
    }

    @Test
    void aServerThatDripsIsGivenUpOn() throws IOException {
        long t0 = System.nanoTime();
        String m = failure(server.at("drip"));
        assertTrue(m.contains("too slow: 127.0.0.1 sent") && m.contains("below the minimum of 50.0 kB/s"), m);
        assertTrue((System.nanoTime() - t0) / 1e9 < 6, "gave up within a few rate windows");
        assertNothingLeft();
    }

    @Test
    void aClosedPortIsNamed() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String m = failure(ModelFileServer.spec("3032184", "http://127.0.0.1:" + port + "/x.h5"));
        assertTrue(m.contains("connection refused by 127.0.0.1:" + port), m);
        assertTrue(!m.contains("null"), m);
        assertNothingLeft();
    }

    @Test
    void anUnknownHostIsNamed() throws IOException {
        String m = failure(ModelFileServer.spec("3032184", "https://models.nst-test.invalid/x.h5"));
        assertTrue(m.contains("unknown host models.nst-test.invalid"), m);
        assertTrue(!m.contains("null"), m);
        assertNothingLeft();
    }
}
