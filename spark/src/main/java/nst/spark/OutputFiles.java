package nst.spark;

import java.io.IOException;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes an output so that its final name only ever holds a complete file: the bytes go to a
 * hidden temporary name in the same folder ({@code .<name>.<attempt>.tmp}) and are then renamed
 * into place. A killed task leaves at most a temporary file, which the next attempt at the same
 * output removes; an output under its final name is complete, so a rerun may skip it.
 */
final class OutputFiles {
    private OutputFiles() { }

    /** Removes the temporary files earlier attempts at {@code target} left, then writes {@code data} under a new one. */
    static Path writeTemporary(FileSystem fs, Path target, byte[] data, String attempt) throws IOException {
        for (Path stale : temporaries(fs, target)) {
            fs.delete(stale, false);
        }
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + attempt + ".tmp");
        boolean done = false;
        fs.setWriteChecksum(false);
        try (FSDataOutputStream out = fs.create(tmp, true)) {
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

    /**
     * Renames {@code tmp} to {@code target}. When another attempt got there first (a speculative
     * copy of the task), its output is kept and {@code tmp} removed.
     */
    static void commit(FileSystem fs, Path tmp, Path target) throws IOException {
        if (fs.rename(tmp, target)) {
            return;
        }
        boolean other = fs.exists(target);
        fs.delete(tmp, false);
        if (!other) {
            throw new IOException("Cannot rename " + tmp + " to " + target);
        }
    }

    /** The temporary files of any attempt at {@code target}. */
    static java.util.List<Path> temporaries(FileSystem fs, Path target) throws IOException {
        FileStatus[] found = fs.globStatus(new Path(target.getParent(), "." + globEscape(target.getName()) + ".*.tmp"));
        return found == null ? java.util.List.of() : java.util.Arrays.stream(found).map(FileStatus::getPath).toList();
    }

    private static String globEscape(String name) {
        return name.replaceAll("([*?\\[\\]{}\\\\])", "\\\\$1");
    }
}
