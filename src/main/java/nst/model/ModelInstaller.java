package nst.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nst.core.BadInputException;
import nst.core.CancellationToken;
import nst.core.CancelledException;
import nst.core.ProgressListener;
import nst.core.StyleTransferException;

/**
 * Installs model files into a models folder: downloads them ({@link HttpSource}: mirrors in
 * order, redirects followed, the proxy ImageJ sets; {@link GuardedStream}: no more bytes than the
 * registry's size, stalls and too slow servers given up on) or copies a local file, always into a
 * temporary file in that folder first ({@link PartFile}, created with the folder's usual
 * permissions), then verifies the hash and moves it into place atomically. Whatever fails, no
 * partial or unverified file is left under the model's name, the temporary file is removed (also
 * when the JVM exits meanwhile), and the next install of the model removes those a killed process
 * left. Two installs of one model take turns ({@link InstallLock}); the second one says whom it
 * waits for, then finds the model installed.
 */
public final class ModelInstaller {
    /** Opens the stream a temporary file is written through (replaced in tests to simulate a full disk). */
    interface Storage {
        OutputStream open(Path tmp) throws IOException;
    }

    private final Path dir;
    private final DownloadLimits limits;
    private final Storage storage;

    public ModelInstaller(Path dir) {
        this(dir, DownloadLimits.DEFAULT, tmp -> Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    /** With the default rate window and minimum rate. */
    ModelInstaller(Path dir, Duration connectTimeout, Duration stallTimeout, Storage storage) {
        this(dir, new DownloadLimits(connectTimeout, stallTimeout, DownloadLimits.DEFAULT.rateWindow(),
                DownloadLimits.DEFAULT.minBytesPerSecond()), storage);
    }

    ModelInstaller(Path dir, DownloadLimits limits, Storage storage) {
        this.dir = dir;
        this.limits = limits;
        this.storage = storage;
    }

    public Path dir() { return dir; }

    /** Downloads {@code spec} from its URLs, in order, unless a verified copy is installed. */
    public Path download(ModelSpec spec, ProgressListener listener, CancellationToken cancel) {
        return download(spec, spec.urls(), listener, cancel);
    }

    /** Downloads from the given URLs (a mirror the user names, for example). */
    public Path download(ModelSpec spec, List<String> urls, ProgressListener listener, CancellationToken cancel) {
        return locked(spec, listener, cancel, () -> {
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
        if (from.matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
            throw new BadInputException("--from " + from + ": only http and https addresses are downloaded; for another source, fetch the file"
                    + " and give its path.");
        }
        return installFromFile(spec, Path.of(from), listener);
    }

    /**
     * Removes the installed model file and its verification record, in the model's turn (so no
     * install of it runs meanwhile); false when it was not installed in this folder.
     */
    public boolean remove(ModelSpec spec, ProgressListener listener, CancellationToken cancel) {
        Path target = dir.resolve(spec.fileName());
        if (!Files.exists(target)) {
            return false;
        }
        try (InstallLock lock = InstallLock.acquire(lockFile(spec), spec.id(), listener, cancel)) {
            Files.deleteIfExists(VerificationRecord.recordOf(target));
            return Files.deleteIfExists(target);
        } catch (IOException e) {
            throw new StyleTransferException("Cannot remove " + target + ": " + e.getMessage() + ".", e);
        }
    }

    /** Installs a local copy of the model file (for machines without internet). */
    public Path installFromFile(ModelSpec spec, Path source, ProgressListener listener) {
        if (Files.isDirectory(source)) {
            throw new BadInputException(source + " is a folder; give the path of the file " + spec.fileName() + ".");
        }
        if (!Files.isRegularFile(source)) {
            throw new BadInputException("The file " + source + " does not exist; give the path of " + spec.fileName() + ".");
        }
        return locked(spec, listener, CancellationToken.NEVER, () -> {
            try (InputStream in = Files.newInputStream(source)) {
                return store(spec, in, Files.size(source), listener, CancellationToken.NEVER, "Copying " + spec.id());
            } catch (ModelDownloadException e) {
                throw new nst.core.ModelFormatException(source + " is not the " + spec.id() + " model file (" + e.getMessage()
                        + "); give the path of " + spec.fileName() + ".");
            } catch (IOException e) {
                throw new StyleTransferException("Installing " + source + " failed: " + e.getMessage() + ".", e);
            }
        });
    }

    /** The file that installs of {@code spec} lock, across processes. */
    Path lockFile(ModelSpec spec) {
        return dir.resolve(spec.fileName() + ".lock");
    }

    // -- Helper methods --

    private interface Action {
        Path run() throws StyleTransferException;
    }

    /**
     * Runs {@code action} in the model's turn ({@link InstallLock}), after removing temporary files
     * that earlier installs of it left, unless the installed file (hashed in full, whatever its
     * record says) is already the model.
     */
    private Path locked(ModelSpec spec, ProgressListener listener, CancellationToken cancel, Action action) {
        prepareDir();
        Path target = dir.resolve(spec.fileName());
        try (InstallLock lock = InstallLock.acquire(lockFile(spec), spec.id(), listener, cancel)) {
            PartFile.Swept swept = PartFile.sweep(dir, spec.fileName());
            if (swept.files() > 0) {
                listener.onStatus(String.format(Locale.ROOT, "Removed %d unfinished download(s) of %s (%.1f MB)", swept.files(), spec.id(),
                        swept.bytes() / 1e6));
            }
            if (Files.isRegularFile(target)) {
                if (VerificationRecord.verifyInFull(spec, target)) {
                    return target; // someone else installed it meanwhile, or it was already there
                }
                Files.deleteIfExists(target); // damaged: replaced below
            }
            return action.run();
        } catch (IOException e) {
            throw new StyleTransferException("Cannot lock or replace " + target + ": " + e.getMessage() + ".", e);
        }
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
        long max = DownloadLimits.maxBytes(spec);
        try (HttpSource.Body body = new HttpSource(limits).open(url, spec, max);
             GuardedStream in = new GuardedStream(body.stream(), body.host(), max, spec.id(), limits, cancel)) {
            return store(spec, in, body.length(), listener, cancel, "Downloading " + spec.id());
        }
    }

    /** Copies {@code in} to a temporary file in the folder, verifies it and moves it into place. */
    private Path store(ModelSpec spec, InputStream in, long length, ProgressListener listener, CancellationToken cancel, String what)
            throws IOException {
        Path target = dir.resolve(spec.fileName());
        try (PartFile part = PartFile.in(dir, spec.fileName())) {
            Checksums.Result r = copy(spec, in, part.path(), length, progress(listener, what), cancel);
            String bad = r.mismatch(spec);
            if (bad != null) {
                throw new ModelDownloadException(bad);
            }
            Files.move(part.path(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            VerificationRecord.writeRecord(target, r);
            return target;
        }
    }

    /** {@code listener} with each transfer named {@code what} ("Downloading vgg19", "Copying vgg19"). */
    private static ProgressListener progress(ProgressListener listener, String what) {
        return new ProgressListener() {
            @Override
            public void onTransfer(String id, long done, long total, double bytesPerSecond) {
                listener.onTransfer(what, done, total, bytesPerSecond);
            }
        };
    }

    /** Writes {@code in} to {@code tmp}, hashing and reporting as it goes; all {@code length} bytes when that is known. */
    private Checksums.Result copy(ModelSpec spec, InputStream in, Path tmp, long length, ProgressListener listener,
                                  CancellationToken cancel) throws IOException {
        Checksums sums = new Checksums();
        long start = System.nanoTime();
        byte[] buf = new byte[1 << 16];
        try (OutputStream out = storage.open(tmp)) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                stopIfCancelled(spec, cancel);
                out.write(buf, 0, n);
                sums.update(buf, 0, n);
                double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
                listener.onTransfer(spec.id(), sums.size(), length, sums.size() / secs);
            }
        } catch (IOException e) {
            stopIfCancelled(spec, cancel);
            throw e;
        }
        if (length >= 0 && sums.size() != length) {
            throw new IOException("the transfer stopped after " + sums.size() + " of " + length + " bytes");
        }
        return sums.result();
    }

    private static void stopIfCancelled(ModelSpec spec, CancellationToken cancel) {
        if (cancel.isCancelled()) {
            throw new CancelledException("The download of " + spec.id() + " was cancelled; nothing was installed.");
        }
    }
}
