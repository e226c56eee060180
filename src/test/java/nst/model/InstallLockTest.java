package nst.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nst.core.CancelledException;
import nst.core.ProgressListener;
import nst.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second install of a model says whom it waits for: another process, or another thread of this one. */
class InstallLockTest {
    private static final ModelSpec REAL = ModelFileServer.REAL;

    @TempDir
    Path dir;

    /** Collects the status lines an install reports. */
    private static final class Statuses implements ProgressListener {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void onStatus(String message) {
            lines.add(message);
        }

        String waiting() {
            return lines.stream().filter(l -> l.startsWith("Waiting for another install")).findFirst().orElse("none in " + lines);
        }
    }

    private static final String SINCE = ", since (\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d:\\d\\d\\)";

    @Test
    void anInstallInAnotherProcessIsNamedWhileWaitedFor() throws Exception {
        Process other = ChildInstall.start(dir, Fixtures.squeezeNetH5().toString(), 40);
        try {
            Statuses s = new Statuses();
            new ModelInstaller(dir).installFromFile(REAL, Fixtures.squeezeNetH5(), s);
            assertTrue(s.waiting().matches("Waiting for another install of squeezenet1.1 \\(pid " + other.pid() + SINCE), s.waiting());
            assertEquals(0, other.waitFor());
        } finally {
            other.destroy();
        }
        assertEquals(0, Files.size(dir.resolve(REAL.fileName() + ".lock")), "the lock file is emptied on release");
    }

    @Test
    void anInstallInAnotherThreadIsNamedWhileWaitedFor() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        ModelInstaller.Storage slow = tmp -> new FilterOutputStream(Files.newOutputStream(tmp)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                started.countDown();
                out.write(b, off, len);
                sleep(20);
            }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Path> first = pool.submit(() -> new ModelInstaller(dir, Duration.ofSeconds(5), Duration.ofSeconds(5), slow)
                    .installFromFile(REAL, Fixtures.squeezeNetH5(), ProgressListener.NONE));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Statuses s = new Statuses();
            Path second = new ModelInstaller(dir).installFromFile(REAL, Fixtures.squeezeNetH5(), s);
            assertTrue(s.waiting().matches("Waiting for another install of squeezenet1.1 \\(pid " + ProcessHandle.current().pid() + SINCE),
                    s.waiting());
            assertEquals(first.get(), second);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void waitingCanBeCancelled() throws Exception {
        Process other = ChildInstall.start(dir, Fixtures.squeezeNetH5().toString(), 40);
        try {
            Statuses s = new Statuses();
            CancelledException e = assertThrows(CancelledException.class, () -> new ModelInstaller(dir)
                    .download(REAL, List.of("http://127.0.0.1:9/unused"), s, () -> !s.lines.isEmpty()));
            assertTrue(e.getMessage().contains("Stopped waiting for another install of squeezenet1.1"), e.getMessage());
            assertTrue(other.isAlive(), "the other install goes on");
        } finally {
            other.destroy();
            other.waitFor();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
