package nst.spark;

import ij.process.ImageProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import nst.app.NeuralStyle;
import nst.app.NetworkCache;
import nst.convert.ImageFiles;
import nst.convert.Images;
import nst.core.BadInputException;
import nst.core.CancellationToken;
import nst.core.ParamSpec;
import nst.core.ProgressListener;
import nst.core.StyleTransferResult;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.util.LongAccumulator;

/**
 * A task's work: its partition's items one at a time, each through the headless API
 * ({@link NeuralStyle}, with the memory check before each), with the network this JVM loaded
 * once ({@link NetworkCache#perJvm}); without {@code --models-dir}, models shipped with
 * {@code spark-submit --files} are found in Spark's files folder. An output that exists is complete
 * (see {@link OutputFiles}) and is kept. A bad input (unreadable, too large for the memory) becomes
 * a failed row, not a failed task.
 */
final class ItemRunner implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<String, String> options;
    private final HadoopConf conf;
    private final TaskHook hook;
    private final LongAccumulator done;
    private final LongAccumulator failed;

    ItemRunner(Map<String, String> options, HadoopConf conf, TaskHook hook, LongAccumulator done, LongAccumulator failed) {
        this.options = options;
        this.conf = conf;
        this.hook = hook;
        this.done = done;
        this.failed = failed;
    }

    Iterator<ManifestRow> run(Iterator<BatchItem> items) throws IOException {
        List<ManifestRow> rows = new ArrayList<>();
        while (items.hasNext()) {
            ManifestRow row = one(items.next());
            rows.add(row);
            (row.isFailed() ? failed : done).add(1);
        }
        return rows.iterator();
    }

    private ManifestRow one(BatchItem item) throws IOException {
        long start = System.nanoTime();
        Path target = new Path(item.output());
        FileSystem fs = conf.fs(target);
        if (fs.exists(target)) {
            return existing(item, fs.getFileStatus(target).getModificationTime());
        }
        StyleTransferResult r;
        Path tmp;
        try {
            r = stylize(item);
            if (r.cancelled()) {
                return ManifestRow.failed(item, seconds(start), "Stopped: Spark killed the task (the job was cancelled, or another attempt"
                        + " finished first).");
            }
            tmp = OutputFiles.writeTemporary(fs, target, ImageFiles.encode(Images.toImagePlus(r.image(), target.getName()), target.getName()),
                    attempt());
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            return ManifestRow.failed(item, seconds(start), reason(e));
        }
        try {
            hook.beforeRename(item, TaskContext.get() == null ? 0 : TaskContext.get().attemptNumber());
            OutputFiles.commit(fs, tmp, target);
        } catch (RuntimeException | IOException e) {
            fs.delete(tmp, false); // the task fails and Spark retries it; no temporary file stays behind
            throw e;
        }
        return new ManifestRow(item.input(), item.style(), item.output(), item.optionsHash(), ManifestRow.OK, r.finalLosses().total(),
                seconds(start), null);
    }

    /**
     * An output already there: made by this job (an earlier attempt of a retried task), by an
     * earlier run with these options (kept, with that run's figures), or with other options by the
     * last manifest (kept, and this picture failed). One without a manifest row is complete (only
     * complete files get an output's name), with options unknown.
     */
    private static ManifestRow existing(BatchItem item, long modified) {
        if (modified >= item.jobStart()) {
            return new ManifestRow(item.input(), item.style(), item.output(), item.optionsHash(), ManifestRow.EXISTS, null, null, null);
        }
        if (item.previousHash() != null && !item.previousHash().equals(item.optionsHash())) {
            return new ManifestRow(item.input(), item.style(), item.output(), item.previousHash(), ManifestRow.FAILED, null, 0.0,
                    "The output exists, made with other options (hash " + item.previousHash() + ", these are " + item.optionsHash()
                    + "); choose another --output folder, or delete the output to make it again.");
        }
        return new ManifestRow(item.input(), item.style(), item.output(), item.previousHash(), ManifestRow.EXISTS, item.previousLoss(),
                item.previousSeconds(), null);
    }

    private StyleTransferResult stylize(BatchItem item) throws IOException {
        NeuralStyle.Builder b = NeuralStyle.builder().networks(NetworkCache.perJvm())
                .content(read(item.input(), "input"))
                .style(read(item.style(), "style"));
        options.forEach(b::option);
        if (!options.containsKey(ParamSpec.MODELS_DIR.key())) {
            shippedModels().ifPresent(dir -> b.option(ParamSpec.MODELS_DIR.key(), dir));
        }
        // a task Spark kills (a cancelled job, a speculative copy that lost) stops at the next iteration
        CancellationToken killed = () -> TaskContext.get() != null && TaskContext.get().isInterrupted();
        return b.build().run(ProgressListener.NONE, killed);
    }

    /** The folder of the files shipped with {@code spark-submit --files}, when a weight file is among them. */
    private static java.util.Optional<String> shippedModels() throws IOException {
        if (TaskContext.get() == null) {
            return java.util.Optional.empty();
        }
        java.nio.file.Path root = java.nio.file.Path.of(SparkFiles.getRootDirectory());
        try (java.util.stream.Stream<java.nio.file.Path> files = Files.isDirectory(root) ? Files.list(root) : java.util.stream.Stream.empty()) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".h5")) ? java.util.Optional.of(root.toString())
                    : java.util.Optional.empty();
        }
    }

    /** Copies the image to a local temporary folder (under its own name, so messages name it) and opens it there. */
    private ImageProcessor read(String path, String role) throws IOException {
        Path p = new Path(path);
        java.nio.file.Path dir = Files.createTempDirectory("nst-spark-");
        java.nio.file.Path local = dir.resolve(p.getName());
        try {
            conf.fs(p).copyToLocalFile(false, p, new Path(local.toUri()), true);
            return ImageFiles.open(local, role).getProcessor();
        } catch (BadInputException e) {
            throw new BadInputException(e.getMessage().replace(local.toString(), path), e);
        } finally {
            Files.deleteIfExists(local);
            Files.deleteIfExists(dir);
        }
    }

    private static String attempt() {
        TaskContext t = TaskContext.get();
        return t == null ? "driver-" + ProcessHandle.current().pid() : "task" + t.taskAttemptId();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String reason(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "Out of memory (" + e.getMessage() + "); give the executors more memory (spark.executor.memory) or use a smaller --size.";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
