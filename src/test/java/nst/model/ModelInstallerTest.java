package nst.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import nst.core.CancelledException;
import nst.core.ModelFormatException;
import nst.core.ProgressListener;
import nst.core.StyleTransferException;
import nst.testutil.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads against a local HTTP server on 127.0.0.1 serving the real SqueezeNet file; every fault leaves the folder clean. */
class ModelInstallerTest {
    private static HttpServer server;
    private static byte[] file;
    private static String base;
    private static final ModelSpec REAL = ModelRegistry.load().get("squeezenet1.1");

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        file = Files.readAllBytes(Fixtures.squeezeNetH5());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/ok/", ex -> ModelFileServer.send(ex, file, file.length, 0));
        server.createContext("/404/", ex -> status(ex, 404));
        server.createContext("/500/", ex -> status(ex, 500));
        server.createContext("/redirect/", ex -> {
            ex.getResponseHeaders().add("Location", "/ok/" + REAL.fileName());
            status(ex, 302);
        });
        server.createContext("/cut/", ex -> ModelFileServer.send(ex, java.util.Arrays.copyOf(file, file.length / 2), file.length, 0));
        server.createContext("/stall/", ex -> {
            ex.sendResponseHeaders(200, file.length);
            OutputStream o = ex.getResponseBody();
            o.write(file, 0, 100_000);
            o.flush();
            ModelFileServer.sleep(4000);
            ex.close();
        });
        server.createContext("/wrong/", ex -> {
            byte[] w = file.clone();
            w[w.length / 3] ^= 1;
            ModelFileServer.send(ex, w, w.length, 0);
        });
        server.createContext("/slow/", ex -> ModelFileServer.send(ex, file, file.length, 20));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static void status(HttpExchange ex, int code) throws IOException {
        ex.sendResponseHeaders(code, -1);
        ex.close();
    }

    private static ModelSpec at(String... kinds) {
        List<String> urls = new ArrayList<>();
        for (String k : kinds) {
            urls.add(base + "/" + k + "/" + REAL.fileName());
        }
        return new ModelSpec(REAL.id(), REAL.name(), REAL.fileName(), REAL.architecture(), REAL.size(), REAL.sha256(), REAL.md5(), urls, REAL.license(), false);
    }

    private ModelInstaller installer() {
        return new ModelInstaller(dir, Duration.ofSeconds(5), Duration.ofSeconds(2), Files::newOutputStream);
    }

    /** The folder's files, less the empty lock file that installs keep for other processes. */
    private List<String> listing() throws IOException {
        Path lock = dir.resolve(REAL.fileName() + ".lock");
        if (Files.exists(lock)) {
            assertEquals(0, Files.size(lock), "the lock file stays empty");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.equals(lock)).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void assertClean() throws IOException {
        assertEquals(List.of(), listing(), "nothing left behind");
    }

    /** The folder holds the model file and its verification record, nothing else. */
    private void assertInstalledFiles() throws IOException {
        assertEquals(List.of(REAL.fileName(), REAL.fileName() + ".verified"), listing());
    }

    private void assertInstalls() throws IOException {
        Path p = installer().download(at("ok"), ProgressListener.NONE, () -> false);
        assertInstalledFiles();
        assertEquals(file.length, Files.size(p));
        assertEquals("squeezenet1.1", nst.net.Networks.load(REAL.architecture(), new ModelLocator(dir).file(REAL)).id());
    }

    @Test
    void downloadReportsProgressVerifiesAndLoads() throws IOException {
        AtomicLong last = new AtomicLong();
        ProgressListener l = new ProgressListener() {
            @Override
            public void onTransfer(String what, long done, long total, double speed) {
                assertEquals(file.length, total);
                assertTrue(speed > 0);
                last.set(done);
            }
        };
        installer().download(at("ok"), l, () -> false);
        assertEquals(file.length, last.get());
        assertInstalls();
    }

    @Test
    void wrongHashIsRejected() throws IOException {
        ModelDownloadException e = assertThrows(ModelDownloadException.class, () -> installer().download(at("wrong"), ProgressListener.NONE, () -> false));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
        assertClean();
        assertInstalls();
    }

    @Test
    void transferCutInTheMiddle() throws IOException {
        ModelDownloadException e = assertThrows(ModelDownloadException.class, () -> installer().download(at("cut"), ProgressListener.NONE, () -> false));
        assertTrue(e.getMessage().contains("/cut/"), e.getMessage());
        assertClean();
        assertInstalls();
    }

    @Test
    void notFoundThenAWorkingMirror() throws IOException {
        installer().download(at("404", "ok"), ProgressListener.NONE, () -> false);
        assertInstalledFiles();
    }

    @Test
    void serverErrorOnEveryMirror() throws IOException {
        ModelDownloadException e = assertThrows(ModelDownloadException.class, () -> installer().download(at("500", "500"), ProgressListener.NONE, () -> false));
        assertTrue(e.getMessage().contains("HTTP 500") && e.getMessage().contains("install it from the file"), e.getMessage());
        assertClean();
    }

    @Test
    void stalledServerTimesOut() throws IOException {
        long t0 = System.nanoTime();
        ModelDownloadException e = assertThrows(ModelDownloadException.class, () -> installer().download(at("stall"), ProgressListener.NONE, () -> false));
        assertTrue(e.getMessage().contains("no data for"), e.getMessage());
        assertTrue((System.nanoTime() - t0) / 1e9 < 3.5, "gave up before the server woke up");
        assertClean();
        assertInstalls();
    }

    @Test
    void redirectIsFollowed() throws IOException {
        installer().download(at("redirect"), ProgressListener.NONE, () -> false);
        assertInstalledFiles();
    }

    @Test
    void cancelDuringDownload() throws IOException {
        AtomicLong seen = new AtomicLong();
        ProgressListener l = new ProgressListener() {
            @Override
            public void onTransfer(String what, long done, long total, double speed) {
                seen.set(done);
            }
        };
        assertThrows(CancelledException.class, () -> installer().download(at("slow"), l, () -> seen.get() > 500_000));
        assertTrue(seen.get() < file.length);
        assertClean();
        assertInstalls();
    }

    @Test
    void twoInstallsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Path> a = pool.submit(() -> installer().download(at("slow"), ProgressListener.NONE, () -> false));
            Future<Path> b = pool.submit(() -> installer().download(at("slow"), ProgressListener.NONE, () -> false));
            assertEquals(a.get(), b.get());
        } finally {
            pool.shutdown();
        }
        assertInstalledFiles();
        assertEquals("squeezenet1.1", nst.net.Networks.load(REAL.architecture(), new ModelLocator(dir).file(REAL)).id());
    }

    @Test
    void anInstallInAnotherProcessIsWaitedFor() throws Exception {
        ModelInstaller i = installer();
        Files.createDirectories(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                i.lockFile(REAL).toString(), "1500").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream()));
            assertEquals("locked", out.readLine(), "the other process holds the lock");
            long t0 = System.nanoTime();
            i.installFromFile(REAL, Fixtures.squeezeNetH5(), ProgressListener.NONE);
            double waited = (System.nanoTime() - t0) / 1e9;
            assertTrue(waited > 1.0, "waited for the other process: " + waited + " s");
            assertEquals(0, other.waitFor());
        } finally {
            other.destroy();
        }
        assertInstalledFiles();
    }

    /** Another process: locks the file {@code args[0]}, says so, holds it {@code args[1]} ms. */
    public static final class LockHolder {
        public static void main(String[] args) throws Exception {
            try (var ch = java.nio.channels.FileChannel.open(Path.of(args[0]), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE); var lock = ch.lock()) {
                System.out.println("locked");
                System.out.flush();
                Thread.sleep(Long.parseLong(args[1]));
            }
        }
    }

    @Test
    void diskFull() throws IOException {
        ModelInstaller.Storage full = tmp -> new FilterOutputStream(Files.newOutputStream(tmp)) {
            private long written;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 1_000_000) {
                    throw new IOException("No space left on device");
                }
                out.write(b, off, len);
            }
        };
        ModelInstaller i = new ModelInstaller(dir, Duration.ofSeconds(5), Duration.ofSeconds(5), full);
        ModelDownloadException e = assertThrows(ModelDownloadException.class, () -> i.download(at("ok"), ProgressListener.NONE, () -> false));
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertClean();
        assertInstalls();
    }

    @Test
    void unusableModelsFolder() throws IOException {
        Path notADir = dir.resolve("plain-file");
        Files.writeString(notADir, "x");
        StyleTransferException e = assertThrows(StyleTransferException.class,
                () -> new ModelInstaller(notADir.resolve("models")).download(at("ok"), ProgressListener.NONE, () -> false));
        assertTrue(e.getMessage().contains("cannot be created"), e.getMessage());
        assertEquals(List.of("plain-file"), listing());
    }

    @Test
    void installFromLocalFileAndRejectAnotherFile() throws IOException {
        Path wrong = Fixtures.resource("nst/net/vgg19-distilled-16x/cd_5SE_E20_oihw.npz");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> installer().installFromFile(REAL, wrong, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("is not the squeezenet1.1 model file"), e.getMessage());
        assertClean();
        installer().installFromFile(REAL, Fixtures.squeezeNetH5(), ProgressListener.NONE);
        assertInstalledFiles();
    }

    @Test
    void damagedInstalledFileIsDetected() throws IOException {
        Path p = installer().download(at("ok"), ProgressListener.NONE, () -> false);
        Files.write(p, java.util.Arrays.copyOf(file, file.length - 10));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new ModelLocator(dir).file(REAL));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        // installing again replaces it
        installer().download(at("ok"), ProgressListener.NONE, () -> false);
        assertEquals(file.length, Files.size(p));
    }
}
