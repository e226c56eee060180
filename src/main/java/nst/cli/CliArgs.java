package nst.cli;

import java.util.EnumMap;
import java.util.Map;
import nst.core.BadInputException;
import nst.core.ParamSpec;
import nst.core.ParamValues;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Parsed command-line arguments ({@code --key value} or {@code --key=value}), by picocli from a
 * command built out of the parameter catalogue ({@link ParamSpec}): one option per catalogue key
 * the command line takes, plus the model commands, {@code --help} and {@code --version}. A
 * mistyped option gets picocli's suggestion.
 */
record CliArgs(Map<ParamSpec, String> values, boolean help, boolean version, boolean listModels, boolean verifyModels, String installModel,
               String from) {
    private static final String LIST = "--list-models";
    private static final String VERIFY = "--verify-models";
    private static final String INSTALL = "--install-model";
    private static final String FROM = "--from";

    static CliArgs parse(String[] args) {
        ParseResult r = CatalogueOptions.parse(spec(), args);
        Map<ParamSpec, String> values = CatalogueOptions.read(r, p -> true);
        boolean list = r.hasMatchedOption(LIST);
        boolean verify = r.hasMatchedOption(VERIFY);
        String install = r.matchedOptionValue(INSTALL, null);
        String from = r.matchedOptionValue(FROM, null);
        if (from != null && install == null) {
            throw new BadInputException("--from is used with --install-model, e.g. --install-model vgg19 --from vgg19.h5.");
        }
        String command = install != null ? INSTALL : list ? LIST : verify ? VERIFY : null;
        if (command != null && values.keySet().stream().anyMatch(p -> p != ParamSpec.MODELS_DIR)) {
            throw new BadInputException(command + " does not stylize; run it on its own (with --models-dir at most), then the stylize command.");
        }
        if ((install != null ? 1 : 0) + (list ? 1 : 0) + (verify ? 1 : 0) > 1) {
            throw new BadInputException("--install-model, --list-models and --verify-models are separate commands; run one, then the other.");
        }
        new ParamValues(values).validate();
        return new CliArgs(values, r.isUsageHelpRequested(), r.isVersionHelpRequested(), list, verify, install, from);
    }

    ParamValues params() {
        Map<ParamSpec, String> v = new EnumMap<>(values);
        v.put(ParamSpec.PREVIEW_EVERY, "0");
        return new ParamValues(v);
    }

    /** The command: the catalogue's options (flags take no value), the model commands, --help and --version. */
    private static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("nst").mixinStandardHelpOptions(true);
        CatalogueOptions.add(spec, p -> true);
        spec.addOption(OptionSpec.builder(LIST).arity("0").type(boolean.class).description("List the models and where they are.").build());
        spec.addOption(OptionSpec.builder(VERIFY).arity("0").type(boolean.class).description("Rehash every installed model.").build());
        spec.addOption(OptionSpec.builder(INSTALL).arity("1").type(String.class).paramLabel("ID").description("Install a model.").build());
        spec.addOption(OptionSpec.builder(FROM).arity("1").type(String.class).paramLabel("FILE_OR_URL")
                .description("With --install-model: a local copy or a mirror URL.").build());
        return spec;
    }
}
