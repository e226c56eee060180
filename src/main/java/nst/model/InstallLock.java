package nst.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import nst.core.CancellationToken;
import nst.core.CancelledException;
import nst.core.ProgressListener;

/**
 * One model's turn to be installed, within this JVM (a lock per lock file) and across processes
 * (an OS lock on {@code <file>.lock} beside the model, so an ImageJ and a command line take turns
 * too). The holder writes its pid and start time into the lock file and empties it on release; a
 * waiter reports "Waiting for another install of vgg19 (pid 1234, since 17:02:11)" through the
 * progress listener, polls, and stops waiting when cancelled. The OS lock covers one byte far past
 * the end of the file, so the text stays readable where locks are mandatory (Windows); a lock on
 * the whole file covers that byte too, so such a lock also blocks.
 */
final class InstallLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, Slot> SLOTS = new ConcurrentHashMap<>();
    private static final long REGION = Long.MAX_VALUE - 1;
    private static final long POLL_MS = 100;

    private final Slot slot;
    private final FileChannel channel;
    private final FileLock fileLock;

    /** The in-process lock of one lock file, and who holds it. */
    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile Owner owner;
    }

    /** Who holds a lock: a process and since when. */
    record Owner(long pid, Instant since) {
        static Owner now() {
            return new Owner(ProcessHandle.current().pid(), Instant.now());
        }

        String text() {
            return "pid=" + pid + "\nsince=" + since + "\n";
        }

        /** The owner written in a lock file, or null when it holds none (or cannot be read). */
        static Owner read(Path lockFile) {
            try {
                Properties p = new Properties();
                p.load(new java.io.StringReader(Files.readString(lockFile, StandardCharsets.UTF_8)));
                return new Owner(Long.parseLong(p.getProperty("pid", "").trim()), Instant.parse(p.getProperty("since", "").trim()));
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** "pid 1234, since 17:02:11" (with the date when not today). */
        String describe() {
            LocalDateTime t = LocalDateTime.ofInstant(since, ZoneId.systemDefault());
            String when = t.toLocalDate().equals(LocalDate.now()) ? t.format(DateTimeFormatter.ofPattern("HH:mm:ss"))
                    : t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
            return "pid " + pid + ", since " + when;
        }
    }

    private InstallLock(Slot slot, FileChannel channel, FileLock fileLock) {
        this.slot = slot;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /**
     * Waits for the turn to install {@code modelId}, whose lock file is {@code lockFile} (created
     * when missing). While another install holds it, tells {@code listener} who, once and again
     * whenever the holder changes; a {@link CancelledException} when {@code cancel} stops the wait.
     */
    static InstallLock acquire(Path lockFile, String modelId, ProgressListener listener, CancellationToken cancel) throws IOException {
        Slot slot = SLOTS.computeIfAbsent(key(lockFile), k -> new Slot());
        lockSlot(slot, modelId, listener, cancel);
        try {
            slot.owner = Owner.now();
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                FileLock fileLock = lockFile(channel, lockFile, modelId, listener, cancel);
                slot.owner = Owner.now();
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(slot.owner.text().getBytes(StandardCharsets.UTF_8)), 0);
                return new InstallLock(slot, channel, fileLock);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            slot.owner = null;
            slot.lock.unlock();
            throw e;
        }
    }

    /** Empties the lock file and releases both locks. */
    @Override
    public void close() throws IOException {
        try {
            channel.truncate(0);
            fileLock.release();
        } finally {
            channel.close();
            slot.owner = null;
            slot.lock.unlock();
        }
    }

    private static void lockSlot(Slot slot, String modelId, ProgressListener listener, CancellationToken cancel) {
        if (slot.lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("this thread already installs " + modelId);
        }
        if (slot.lock.tryLock()) {
            return;
        }
        Owner reported = slot.owner;
        waiting(listener, modelId, reported);
        try {
            while (!slot.lock.tryLock(POLL_MS, TimeUnit.MILLISECONDS)) {
                stopIfCancelled(cancel, modelId);
                Owner owner = slot.owner;
                if (owner != null && !owner.equals(reported)) {
                    waiting(listener, modelId, owner);
                    reported = owner;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stopped(modelId);
        }
    }

    private static FileLock lockFile(FileChannel channel, Path lockFile, String modelId, ProgressListener listener,
                                     CancellationToken cancel) throws IOException {
        FileLock lock = tryLock(channel);
        String reported = null;
        while (lock == null) {
            Owner owner = Owner.read(lockFile);
            String who = owner == null ? "" : owner.describe();
            if (!who.equals(reported)) {
                waiting(listener, modelId, owner);
                reported = who;
            }
            stopIfCancelled(cancel, modelId);
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw stopped(modelId);
            }
            lock = tryLock(channel);
        }
        return lock;
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock(REGION, 1, false);
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null; // the same file under another name, locked by another thread here
        }
    }

    private static void waiting(ProgressListener listener, String modelId, Owner owner) {
        listener.onStatus("Waiting for another install of " + modelId + (owner == null ? " to finish" : " (" + owner.describe() + ")"));
    }

    private static void stopIfCancelled(CancellationToken cancel, String modelId) {
        if (cancel.isCancelled()) {
            throw stopped(modelId);
        }
    }

    private static CancelledException stopped(String modelId) {
        return new CancelledException("Stopped waiting for another install of " + modelId + "; nothing was installed.");
    }

    private static Path key(Path lockFile) {
        Path abs = lockFile.toAbsolutePath().normalize();
        try {
            return abs.getParent().toRealPath().resolve(abs.getFileName());
        } catch (IOException e) {
            return abs;
        }
    }
}
