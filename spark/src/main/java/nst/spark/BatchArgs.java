package nst.spark;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nst.cli.CatalogueOptions;
import nst.core.BadInputException;
import nst.core.ParamSpec;
import nst.core.ParamValues;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The batch job's arguments: where the inputs and styles are, the output folder, and the run's
 * options with the catalogue's keys ({@code --size 512 --model vgg19 ...}, as {@code nst} takes
 * them). Paths are anything Hadoop's FileSystem reads ({@code file:}, {@code hdfs:}, {@code s3a:}).
 *
 * @param input     a folder (read recursively) or a glob of input images; null with {@code inputList}
 * @param inputList a text file with one input path per line; null with {@code input}
 * @param styles    style images: every input is painted in each
 * @param pairs     a CSV file of {@code input,style} lines instead of every input x every style; null without
 * @param output    the output folder
 * @param format    the outputs' format: png, tif or jpg
 * @param partitions how many Spark tasks (0: one per image)
 * @param master    Spark's master for a run without spark-submit (null: Spark's own setting, else local[*])
 * @param options   the run's options, by catalogue key
 */
public record BatchArgs(String input, String inputList, List<String> styles, String pairs, String output, String format, int partitions,
                        String master, Map<String, String> options) implements Serializable {
    /** Catalogue keys that the job sets itself or that have no meaning for one picture per output. */
    static final Set<ParamSpec> NOT_OPTIONS = EnumSet.of(ParamSpec.CONTENT, ParamSpec.STYLE, ParamSpec.OUTPUT, ParamSpec.INIT_IMAGE,
            ParamSpec.REGION, ParamSpec.REGION_IMAGE, ParamSpec.BACKGROUND_STYLE, ParamSpec.FEATHER, ParamSpec.TEMPORAL,
            ParamSpec.TEMPORAL_WEIGHT, ParamSpec.FRAMES_EVERY, ParamSpec.DOWNLOAD, ParamSpec.STYLE_BLEND);

    public BatchArgs {
        styles = List.copyOf(styles);
        options = Map.copyOf(options);
    }

    /** Parses the arguments; a wrong one is a {@link BadInputException} that says what to give. Null: --help was asked. */
    public static BatchArgs parse(String[] args) {
        ParseResult r = CatalogueOptions.parse(spec(), args);
        if (r.isUsageHelpRequested()) {
            return null;
        }
        String input = r.matchedOptionValue("--input", null);
        String list = r.matchedOptionValue("--input-list", null);
        String pairs = r.matchedOptionValue("--pairs", null);
        List<String> styles = r.matchedOptionValue("--style", List.of());
        String output = r.matchedOptionValue("--output", null);
        if ((input == null) == (list == null)) {
            throw new BadInputException("Give the inputs with --input FOLDER_OR_GLOB or with --input-list FILE (one of them).");
        }
        if (styles.isEmpty() == (pairs == null)) {
            throw new BadInputException("Give the styles with --style FILE (repeatable: every input in every style) or with"
                    + " --pairs FILE (input,style lines), one of them.");
        }
        if (output == null) {
            throw new BadInputException("Give the output folder with --output FOLDER.");
        }
        String format = r.matchedOptionValue("--format", "png").toLowerCase(java.util.Locale.ROOT);
        if (!List.of("png", "tif", "jpg").contains(format)) {
            throw new BadInputException("--format is png, tif or jpg, was '" + format + "'.");
        }
        int partitions = r.matchedOptionValue("--partitions", 0);
        if (partitions < 0) {
            throw new BadInputException("--partitions is 0 (one task per image) or more, was " + partitions + ".");
        }
        Map<ParamSpec, String> catalogue = CatalogueOptions.read(r, p -> !NOT_OPTIONS.contains(p));
        Map<String, String> options = new TreeMap<>();
        new ParamValues(catalogue).validate();
        catalogue.forEach((k, v) -> options.put(k.key(), v));
        return new BatchArgs(input, list, styles, pairs, output, format, partitions, r.matchedOptionValue("--master", null), options);
    }

    private static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("nst-spark").mixinStandardHelpOptions(true);
        spec.addOption(text("--input", "FOLDER_OR_GLOB", "Input images: a folder (with its subfolders) or a glob such as 'photos/*.jpg'."));
        spec.addOption(text("--input-list", "FILE", "A text file with one input image per line (relative to the file's folder)."));
        spec.addOption(OptionSpec.builder("--style").arity("1").type(List.class).auxiliaryTypes(String.class).paramLabel("FILE")
                .description("A style image; repeat for several: every input is painted in each.").build());
        spec.addOption(text("--pairs", "FILE", "CSV of input,style lines (the input as listed, or its relative name) instead of --style."));
        spec.addOption(text("--output", "FOLDER", "The output folder: <relative folder>/<name>_<style>.<format>, manifest.csv, manifest.parquet."));
        spec.addOption(text("--format", "png|tif|jpg", "The outputs' format (default png)."));
        spec.addOption(OptionSpec.builder("--partitions").arity("1").type(int.class).paramLabel("N")
                .description("Spark tasks (default 0: one per image).").build());
        spec.addOption(text("--master", "URL", "Spark master when not run by spark-submit, e.g. local[2] (default local[*])."));
        CatalogueOptions.add(spec, p -> !NOT_OPTIONS.contains(p));
        return spec;
    }

    private static OptionSpec text(String name, String label, String help) {
        return OptionSpec.builder(name).arity("1").type(String.class).paramLabel(label).description(help).build();
    }

    /** The usage text. */
    static String usage() {
        return new picocli.CommandLine(spec()).getUsageMessage();
    }

    /**
     * A short hash of the options (sorted key=value, leaving out those given at their catalogue
     * default), so that a manifest row says which options made
     * its output, and a rerun with other options does not take an existing output for its own.
     */
    public String optionsHash() {
        StringBuilder s = new StringBuilder();
        new TreeMap<>(options).forEach((k, v) -> {
            // where the model is is not what it does; a default given or left out is the same option
            if (!k.equals(ParamSpec.MODELS_DIR.key()) && !v.equals(ParamSpec.of(k).defaultValue())) {
                s.append(k).append('=').append(v).append('\n');
            }
        });
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
