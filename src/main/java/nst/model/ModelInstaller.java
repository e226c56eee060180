package nst.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import nst.core.BadInputException;
import nst.core.CancellationToken;
import nst.core.CancelledException;
import nst.core.ProgressListener;
import nst.core.StyleTransferException;

/**
 * Installs model files into a models folder: downloads them (mirrors in order, redirects
 * followed, proxy from the system properties that ImageJ sets, stalls time out) or copies a
 * local file, always into a temporary file in that folder first, then verifies the hash and
 * moves it into place atomically. Whatever fails, no partial or unverified file is left under
 * the model's name, and a later try starts clean. Two installs of one model wait for each other.
 */
public final class ModelInstaller {
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    /** Opens the stream a temporary file is written through (replaced in tests to simulate a full disk). */
    interface Storage {
        OutputStream open(Path tmp) throws IOException;
    }

    private final Path dir;
    private final Duration connectTimeout;
    private final Duration stallTimeout;
    private final Storage storage;

    public ModelInstaller(Path dir) {
        this(dir, Duration.ofSeconds(20), Duration.ofSeconds(30), Files::newOutputStream);
    }

    ModelInstaller(Path dir, Duration connectTimeout, Duration stallTimeout, Storage storage) {
        this.dir = dir;
        this.connectTimeout = connectTimeout;
        this.stallTimeout = stallTimeout;
        this.storage = storage;
    }

    public Path dir() { return dir; }

    /** Downloads {@code spec} from its URLs, in order, unless a verified copy is installed. */
    public Path download(ModelSpec spec, ProgressListener listener, CancellationToken cancel) {
        return download(spec, spec.urls(), listener, cancel);
    }

    /** Downloads from the given URLs (a mirror the user names, for example). */
    public Path download(ModelSpec spec, List<String> urls, ProgressListener listener, CancellationToken cancel) {
        return locked(spec, () -> {
            List<String> failures = new ArrayList<>();
            for (String url : urls) {
                try {
                    return fetch(spec, url, listener, cancel);
                } catch (CancelledException e) {
                    throw e;
                } catch (IOException | StyleTransferException e) {
                    failures.add(url + ": " + e.getMessage());
                } catch (IllegalArgumentException e) {
                    failures.add(url + ": not a valid URL");
                }
            }
            throw new ModelDownloadException("Could not download model " + spec.id() + " (" + String.join("; ", failures)
                    + "). Check the internet connection or proxy, or download " + spec.fileName()
                    + " by other means and install it from the file.");
        });
    }

    /**
     * Installs {@code spec} from {@code from}: null or empty downloads from the registry's URLs, an
     * http(s) URL downloads from there, anything else is a local file.
     */
    public Path install(ModelSpec spec, String from, ProgressListener listener, CancellationToken cancel) {
        if (from == null || from.isEmpty()) {
            return download(spec, listener, cancel);
        }
        if (from.matches("(?i)https?://.*")) {
            return download(spec, List.of(from), listener, cancel);
        }
        return installFromFile(spec, Path.of(from), listener);
    }

    /** Installs a local copy of the model file (for machines without internet). */
    public Path installFromFile(ModelSpec spec, Path source, ProgressListener listener) {
        if (!Files.isRegularFile(source)) {
            throw new BadInputException("The file " + source + " does not exist; give the path of " + spec.fileName() + ".");
        }
        return locked(spec, () -> {
            try (InputStream in = Files.newInputStream(source)) {
                return store(spec, in, Files.size(source), source.toString(), listener, CancellationToken.NEVER, null);
            } catch (ModelDownloadException e) {
                throw new nst.core.ModelFormatException(source + " is not the " + spec.id() + " model file (" + e.getMessage()
                        + "); give the path of " + spec.fileName() + ".");
            } catch (IOException e) {
                throw new StyleTransferException("Installing " + source + " failed: " + e.getMessage() + ".", e);
            }
        });
    }

    // -- Helper methods --

    private interface Action {
        Path run() throws StyleTransferException;
    }

    /**
     * Runs {@code action} holding the model's lock: a lock within this JVM, then an OS file lock
     * on {@code <file>.lock} in the models folder (kept there, empty), so another ImageJ or
     * command-line process installing the same model waits and then finds it installed.
     */
    private Path locked(ModelSpec spec, Action action) {
        prepareDir();
        Path target = dir.resolve(spec.fileName());
        ReentrantLock lock = LOCKS.computeIfAbsent(target.toAbsolutePath().normalize(), k -> new ReentrantLock());
        lock.lock();
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lockFile(spec),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             java.nio.channels.FileLock fileLock = channel.lock()) {
            if (Files.isRegularFile(target)) {
                try {
                    InstalledModel.verify(spec, target, true);
                    return target; // someone else installed it meanwhile, or it was already there
                } catch (StyleTransferException damaged) {
                    Files.deleteIfExists(target);
                }
            }
            return action.run();
        } catch (IOException e) {
            throw new StyleTransferException("Cannot lock or replace " + target + ": " + e.getMessage() + ".", e);
        } finally {
            lock.unlock();
        }
    }

    /** The file that installs of {@code spec} lock, across processes. */
    Path lockFile(ModelSpec spec) {
        return dir.resolve(spec.fileName() + ".lock");
    }

    private void prepareDir() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StyleTransferException("The models folder " + dir + " cannot be created (" + e.getMessage()
                    + "); choose another folder with --models-dir or " + ModelLocator.ENV + ".", e);
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new StyleTransferException("The models folder " + dir + " is not writable; choose another folder with --models-dir or "
                    + ModelLocator.ENV + ".");
        }
    }

    private Path fetch(ModelSpec spec, String url, ProgressListener listener, CancellationToken cancel) throws IOException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(connectTimeout).proxy(ProxySelector.getDefault()).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(stallTimeout)
                .header("User-Agent", "Neural_Style_Transfer (ImageJ plugin)").GET().build();
        HttpResponse<InputStream> resp;
        try {
            resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("The download of " + spec.id() + " was interrupted.");
        }
        try (InputStream body = resp.body()) {
            if (resp.statusCode() != 200) {
                throw new IOException("HTTP " + resp.statusCode());
            }
            long length = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
            return store(spec, body, length, url, listener, cancel, body);
        }
    }

    /**
     * Copies {@code in} to a temporary file in the folder, verifies it and moves it into place.
     * {@code closeOnStall}, when given, is closed if no byte arrives for the stall timeout.
     */
    private Path store(ModelSpec spec, InputStream in, long length, String from, ProgressListener listener,
                       CancellationToken cancel, InputStream closeOnStall) throws IOException {
        Path target = dir.resolve(spec.fileName());
        Path tmp = Files.createTempFile(dir, "." + spec.fileName() + "-", ".part");
        AtomicLong lastByte = new AtomicLong(System.nanoTime());
        ScheduledExecutorService watchdog = closeOnStall == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "model-download-watchdog");
            t.setDaemon(true);
            return t;
        });
        boolean[] stalled = {false};
        try {
            if (watchdog != null) {
                long limit = stallTimeout.toNanos();
                watchdog.scheduleAtFixedRate(() -> {
                    if (System.nanoTime() - lastByte.get() > limit) {
                        stalled[0] = true;
                        try {
                            closeOnStall.close();
                        } catch (IOException ignored) {
                            // the reader sees the failure
                        }
                    }
                }, 100, 100, TimeUnit.MILLISECONDS);
            }
            Checksums sums = new Checksums();
            long start = System.nanoTime();
            byte[] buf = new byte[1 << 16];
            try (OutputStream out = storage.open(tmp)) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    if (cancel.isCancelled()) {
                        throw new CancelledException("The download of " + spec.id() + " was cancelled; nothing was installed.");
                    }
                    lastByte.set(System.nanoTime());
                    out.write(buf, 0, n);
                    sums.update(buf, 0, n);
                    double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
                    listener.onTransfer(spec.id(), sums.size(), length, sums.size() / secs);
                }
            } catch (IOException e) {
                throw new IOException(stalled[0] ? "no data for " + stallTimeout.toSeconds() + " s, gave up" : e.getMessage(), e);
            }
            if (length >= 0 && sums.size() != length) {
                throw new IOException("the transfer stopped after " + sums.size() + " of " + length + " bytes");
            }
            Checksums.Result r = sums.result();
            String bad = r.mismatch(spec);
            if (bad != null) {
                throw new ModelDownloadException(bad);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            InstalledModel.writeRecord(target, r);
            return target;
        } finally {
            if (watchdog != null) {
                watchdog.shutdownNow();
            }
            Files.deleteIfExists(tmp);
        }
    }
}
