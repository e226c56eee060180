package nst.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nst.core.BadInputException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a batch makes, decided on the driver before any task runs: every input x every style (or
 * the pairs of a pairing file), each output's name ({@code <relative folder>/<name>_<style>.<format>}
 * under the output folder), and the checks that keep data safe: no two items share an output, and
 * no output is an input or a style image.
 */
final class BatchPlan {
    private BatchPlan() { }

    /** The items, in input then style order; {@code previous} is the last manifest's rows by output. */
    static List<BatchItem> items(BatchArgs a, HadoopConf conf, Path output, Map<String, ManifestRow> previous) throws IOException {
        List<InputListing.Input> inputs = InputListing.list(a, conf, output);
        List<String[]> pairs = a.pairs() != null ? pairs(new Path(a.pairs()), inputs, conf) : product(inputs, qualified(a.styles(), conf));
        Map<String, String> styleNames = styleNames(pairs, conf);
        Map<String, String> relative = new HashMap<>();
        inputs.forEach(i -> relative.put(i.path(), i.relativeName()));
        String hash = a.optionsHash();
        Map<String, BatchItem> byOutput = new LinkedHashMap<>();
        for (String[] p : pairs) {
            String out = output + "/" + outputName(relative.get(p[0]), styleNames.get(p[1]), a.format());
            if (relative.containsKey(out) || styleNames.containsKey(out)) {
                throw new BadInputException("The output " + out + " would replace an input image; choose another --output folder.");
            }
            ManifestRow prev = previous.get(out);
            BatchItem item = new BatchItem(p[0], p[1], out, hash, prev == null ? null : prev.optionsHash(), prev == null ? null : prev.finalLoss(),
                    prev == null ? null : prev.seconds(), Long.MAX_VALUE);
            BatchItem other = byOutput.put(out, item);
            if (other != null) {
                throw new BadInputException("Two pictures would have the same output " + out + ": " + other.input() + " in " + other.style()
                        + ", and " + p[0] + " in " + p[1] + ". Rename one of the files.");
            }
        }
        if (byOutput.isEmpty()) {
            throw new BadInputException("There is no picture to make: " + (a.pairs() != null ? "the pairing file " + a.pairs() + " has no pairs."
                    : "no input and style."));
        }
        return new ArrayList<>(byOutput.values());
    }

    /** {@code photos/cat.jpg} in style {@code starry} as png: {@code photos/cat_starry.png}. */
    static String outputName(String relativeName, String styleName, String format) {
        int dot = relativeName.lastIndexOf('.');
        return (dot > relativeName.lastIndexOf('/') ? relativeName.substring(0, dot) : relativeName) + "_" + styleName + "." + format;
    }

    private static List<String[]> product(List<InputListing.Input> inputs, List<String> styles) {
        List<String[]> pairs = new ArrayList<>();
        for (InputListing.Input i : inputs) {
            for (String s : styles) {
                pairs.add(new String[] {i.path(), s});
            }
        }
        return pairs;
    }

    private static List<String> qualified(List<String> files, HadoopConf conf) throws IOException {
        List<String> q = new ArrayList<>();
        for (String f : files) {
            Path p = new Path(f);
            FileSystem fs = conf.fs(p);
            if (!fs.isFile(p)) {
                throw new BadInputException("The style image " + f + " does not exist or is not a file; check the path.");
            }
            q.add(fs.makeQualified(p).toString());
        }
        return q;
    }

    /** Lines {@code input,style}: the input by its relative name or path, the style relative to the pairing file's folder. */
    private static List<String[]> pairs(Path file, List<InputListing.Input> inputs, HadoopConf conf) throws IOException {
        FileSystem fs = conf.fs(file);
        if (!fs.isFile(file)) {
            throw new BadInputException("The pairing file " + file + " does not exist; check the path.");
        }
        Map<String, String> byName = new HashMap<>();
        for (InputListing.Input i : inputs) {
            byName.put(i.relativeName(), i.path());
            byName.put(i.path(), i.path());
        }
        Path base = fs.makeQualified(file).getParent();
        List<String[]> pairs = new ArrayList<>();
        Map<String, String> styles = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String[] f = line.split(",", -1);
                if (line.isBlank() || line.startsWith("#") || (n == 1 && f[0].strip().equalsIgnoreCase("input"))) {
                    continue;
                }
                String input = f.length == 2 ? byName.get(f[0].strip()) : null;
                if (input == null) {
                    throw new BadInputException("Line " + n + " of " + file + " is '" + line + "': expected input,style with an input of --input"
                            + (f.length == 2 ? "; '" + f[0].strip() + "' is not one (give its relative name, e.g. " + inputs.get(0).relativeName() + ")" : "")
                            + ".");
                }
                String path = InputListing.beside(base, fs, f[1].strip(), conf).toString();
                if (!styles.containsKey(path)) {
                    styles.put(path, qualified(List.of(path), conf).get(0));
                }
                pairs.add(new String[] {input, styles.get(path)});
            }
        }
        return pairs;
    }

    /** Each style's name (its file name without extension); two styles of the same name are refused. */
    private static Map<String, String> styleNames(List<String[]> pairs, HadoopConf conf) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> byName = new HashMap<>();
        for (String[] p : pairs) {
            String stem = new Path(p[1]).getName().replaceFirst("\\.[^.]+$", "");
            String other = byName.putIfAbsent(stem, p[1]);
            if (other != null && !other.equals(p[1])) {
                throw new BadInputException("Two style images have the name " + stem + " (" + other + " and " + p[1] + "); outputs are named"
                        + " after their style, so rename one.");
            }
            names.put(p[1], stem);
        }
        return names;
    }
}
