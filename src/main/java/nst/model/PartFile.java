package nst.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The name of a temporary file a model (or its record) is written to before it is moved into
 * place: {@code .<name>-<random>.part} in the models folder. This class only picks the name; the
 * writer creates the file (as a new file, so it gets the folder's usual permissions under the
 * umask, readable by others where the umask allows). The file is removed on {@link #close}
 * unless it was moved away, and by a shutdown hook while open, so Ctrl-C or a closed ImageJ leaves
 * nothing behind; {@link #sweep} removes those of a process that was killed outright.
 */
final class PartFile implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path path;
    private final Thread hook;

    private PartFile(Path path) {
        this.path = path;
        Thread h = new Thread(this::delete, "remove " + path.getFileName());
        try {
            Runtime.getRuntime().addShutdownHook(h);
        } catch (IllegalStateException shuttingDown) {
            h = null;
        }
        hook = h;
    }

    /** A fresh name for a temporary copy of {@code name} in {@code dir}; nothing is created yet. */
    static PartFile in(Path dir, String name) {
        return new PartFile(dir.resolve(prefix(name) + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE) + ".part"));
    }

    Path path() { return path; }

    /** Removes the file if it is still there, and the shutdown hook. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(path);
        } finally {
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway
                }
            }
        }
    }

    /** What the shutdown hook does: removes the file, quietly. */
    void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // nothing more can be done while the JVM exits
        }
    }

    /**
     * Removes every temporary copy of {@code name} in {@code dir} (also those named by
     * {@link Files#createTempFile}) and says how many and how large they were. Call it only while
     * holding the model's install lock, so that no live install's file is among them.
     */
    static Swept sweep(Path dir, String name) throws IOException {
        Pattern own = Pattern.compile(Pattern.quote(prefix(name)) + "[0-9a-f]+\\.part");
        List<Path> stale = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> own.matcher(p.getFileName().toString()).matches()).forEach(stale::add);
        }
        int count = 0;
        long bytes = 0;
        for (Path p : stale) {
            try {
                long size = Files.size(p);
                if (Files.deleteIfExists(p)) {
                    count++;
                    bytes += size;
                }
            } catch (IOException gone) {
                // removed meanwhile, or not ours to remove: leave it
            }
        }
        return new Swept(count, bytes);
    }

    /** What {@link #sweep} removed. */
    record Swept(int files, long bytes) { }

    private static String prefix(String name) {
        return "." + name + "-";
    }
}
