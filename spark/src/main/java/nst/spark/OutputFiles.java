package nst.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Writes an output so that its final name only ever holds a complete file: the bytes go to a
 * hidden temporary name in the same folder ({@code .<name>.<attempt>.tmp}) and are then renamed
 * into place. A failed attempt removes its own temporary file; a killed executor's is removed by
 * the next job before its tasks start. An output under its final name is complete, so a rerun may
 * skip it.
 */
final class OutputFiles {
    private OutputFiles() { }

    /** Writes {@code data} under a temporary name of this attempt beside {@code target}. */
    static Path writeTemporary(FileSystem fs, Path target, byte[] data, String attempt) throws IOException {
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + attempt + ".tmp");
        boolean done = false;
        try (FSDataOutputStream out = raw(fs).create(tmp, true)) {
            out.write(data);
            out.hsync();
            done = true;
        } finally {
            if (!done) {
                fs.delete(tmp, false);
            }
        }
        return tmp;
    }

    /** The local file system without its .crc files beside each output; other file systems as they are. */
    static FileSystem raw(FileSystem fs) {
        return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    }

    /**
     * Removes the temporary files that attempts of an earlier job left under {@code output} (a
     * killed executor's), before this job's tasks start: a task never removes another live attempt's.
     */
    static int removeStale(FileSystem fs, Path output) throws IOException {
        int n = 0;
        if (!fs.exists(output)) {
            return 0;
        }
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(output, true);
        List<Path> stale = new ArrayList<>();
        while (it.hasNext()) {
            Path f = it.next().getPath();
            if (TEMPORARY.matcher(f.getName()).matches()) {
                stale.add(f);
            }
        }
        for (Path f : stale) {
            n += fs.delete(f, false) ? 1 : 0;
        }
        return n;
    }

    /**
     * Renames {@code tmp} to {@code target}. Where the file system does not replace an existing
     * file on rename (HDFS) and another attempt got there first (a speculative copy of the task),
     * that attempt's output, made from the same inputs and options, is kept and {@code tmp} removed.
     */
    static void commit(FileSystem fs, Path tmp, Path target) throws IOException {
        if (raw(fs).rename(tmp, target)) {
            return;
        }
        boolean other = fs.exists(target);
        fs.delete(tmp, false);
        if (!other) {
            throw new IOException("Cannot rename " + tmp + " to " + target);
        }
    }

    /** {@code .<name>.<attempt>.tmp}, as {@link #writeTemporary} names them. */
    static final Pattern TEMPORARY = Pattern.compile("\\..+\\.(task\\d+|driver-\\d+)\\.tmp");
}
