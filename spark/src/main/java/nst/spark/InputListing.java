package nst.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import nst.core.BadInputException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The input images of a batch, listed on the driver through Hadoop's FileSystem: a folder with
 * its subfolders, a glob, or a list file. Each input has a relative name (from the folder, the
 * glob's fixed part or the list's folder), which its outputs keep. Hidden files ({@code .x},
 * {@code _x}) and everything under the output folder are left out, so a rerun does not take its
 * own outputs for inputs.
 */
final class InputListing {
    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "tif", "tiff", "bmp", "gif");

    /** An input image: its qualified path and its name relative to the listing's base, with '/' between folders. */
    record Input(String path, String relativeName) implements java.io.Serializable { }

    private InputListing() { }

    static List<Input> list(BatchArgs a, HadoopConf conf, Path output) throws IOException {
        List<Input> found = a.inputList() != null ? fromListFile(new Path(a.inputList()), conf) : fromPattern(new Path(a.input()), conf);
        String out = output.toString() + "/";
        List<Input> inputs = new ArrayList<>(found.stream().filter(i -> !(i.path() + "/").startsWith(out)).toList());
        if (inputs.isEmpty() && !found.isEmpty()) {
            throw new BadInputException("Every input image is under the output folder " + output + "; choose an output folder outside the inputs.");
        }
        if (inputs.isEmpty()) {
            throw new BadInputException("No input images found in " + (a.inputList() != null ? a.inputList() : a.input())
                    + " (image files end in " + String.join(", ", new java.util.TreeSet<>(IMAGE_EXTENSIONS)) + ").");
        }
        inputs.sort(Comparator.comparing(Input::relativeName));
        return inputs;
    }

    private static List<Input> fromPattern(Path p, HadoopConf conf) throws IOException {
        FileSystem fs = conf.fs(p);
        List<Input> inputs = new ArrayList<>();
        if (isGlob(p.toString()) && !fs.exists(p)) { // a folder named "photos [2019]" is a folder
            Path base = fs.makeQualified(fixedPart(p));
            FileStatus[] matches = fs.globStatus(p);
            for (FileStatus s : matches == null ? new FileStatus[0] : matches) {
                if (s.isFile() && isImage(s.getPath())) {
                    inputs.add(new Input(s.getPath().toString(), relative(base, s.getPath())));
                }
            }
            return inputs;
        }
        if (!fs.exists(p)) {
            throw new BadInputException("The input " + p + " does not exist; give a folder, a glob such as 'photos/*.jpg', or --input-list.");
        }
        Path base = fs.makeQualified(p);
        if (!fs.getFileStatus(p).isDirectory()) {
            throw new BadInputException("The input " + p + " is a file; give its folder, a glob, or a list file with --input-list.");
        }
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(p, true);
        while (it.hasNext()) {
            Path f = it.next().getPath();
            String rel = relative(base, f);
            if (isImage(f) && java.util.Arrays.stream(rel.split("/")).noneMatch(InputListing::hidden)) {
                inputs.add(new Input(f.toString(), rel));
            }
        }
        return inputs;
    }

    private static List<Input> fromListFile(Path list, HadoopConf conf) throws IOException {
        FileSystem fs = conf.fs(list);
        if (!fs.exists(list)) {
            throw new BadInputException("The input list " + list + " does not exist; check the path.");
        }
        Path base = fs.makeQualified(list).getParent();
        List<Input> inputs = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(list), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                Path q = beside(base, fs, line, conf);
                String rel = (q.toString() + "/").startsWith(base + "/") ? relative(base, q) : q.getName();
                inputs.add(new Input(q.toString(), rel));
            }
        }
        return inputs;
    }

    /**
     * A path written in a file of the folder {@code base} on {@code fs} (a list or pairing file):
     * with a scheme, that file system's; else absolute, or relative to {@code base}, on {@code fs}.
     */
    static Path beside(Path base, FileSystem fs, String text, HadoopConf conf) throws IOException {
        Path p = new Path(text);
        return p.toUri().getScheme() != null ? conf.fs(p).makeQualified(p) : fs.makeQualified(p.isAbsolute() ? p : new Path(base, text));
    }

    static boolean isImage(Path p) {
        String n = p.getName();
        int dot = n.lastIndexOf('.');
        return dot > 0 && !hidden(n) && IMAGE_EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean hidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    private static boolean isGlob(String s) {
        return s.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /** The path up to its first component with a glob character. */
    private static Path fixedPart(Path p) {
        Path q = p;
        while (q.getParent() != null && isGlob(q.toString())) {
            q = q.getParent();
        }
        return q;
    }

    static String relative(Path base, Path file) {
        String b = base.toUri().getPath();
        String f = file.toUri().getPath();
        return f.startsWith(b + "/") ? f.substring(b.length() + 1) : file.getName();
    }
}
