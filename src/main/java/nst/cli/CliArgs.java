package nst.cli;

import java.util.EnumMap;
import java.util.Map;
import nst.core.BadInputException;
import nst.core.ParamSpec;
import nst.core.ParamValues;

/** Parsed command-line arguments: {@code --key value} or {@code --key=value}, keys from {@link ParamSpec}. */
record CliArgs(Map<ParamSpec, String> values, boolean help, boolean listModels, boolean verifyModels, String installModel, String from) {

    static CliArgs parse(String[] args) {
        Map<ParamSpec, String> values = new EnumMap<>(ParamSpec.class);
        boolean help = false;
        boolean list = false;
        boolean verify = false;
        String install = null;
        String from = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                help = true;
                continue;
            }
            if (a.equals("--list-models")) {
                list = true;
                continue;
            }
            if (a.equals("--verify-models")) {
                verify = true;
                continue;
            }
            if (a.equals("--install-model") || a.equals("--from")) {
                if (i + 1 >= args.length) {
                    throw new BadInputException("Option " + a + " needs a value.");
                }
                if (a.equals("--from")) {
                    from = args[++i];
                } else {
                    install = args[++i];
                }
                continue;
            }
            if (!a.startsWith("--")) {
                throw new BadInputException("Unexpected argument '" + a + "'; options look like --content photo.png (see --help).");
            }
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            ParamSpec p = ParamSpec.of(name);
            if (p == null || !p.onCommandLine()) {
                throw new BadInputException("Unknown option " + name + "; see --help for the options.");
            }
            if (p.isFlag()) {
                if (value != null) {
                    throw new BadInputException("Option " + name + " takes no value.");
                }
                value = "true";
            } else if (value == null) {
                if (i + 1 >= args.length) {
                    throw new BadInputException("Option " + name + " needs a value.");
                }
                value = args[++i];
            }
            if (values.put(p, value) != null) {
                throw new BadInputException("Option " + p.cliOption() + " is given twice.");
            }
        }
        if (from != null && install == null) {
            throw new BadInputException("--from is used with --install-model, e.g. --install-model vgg19 --from vgg19.h5.");
        }
        String command = install != null ? "--install-model" : list ? "--list-models" : verify ? "--verify-models" : null;
        if (command != null && values.keySet().stream().anyMatch(p -> p != ParamSpec.MODELS_DIR)) {
            throw new BadInputException(command + " does not stylize; run it on its own (with --models-dir at most), then the stylize command.");
        }
        if ((install != null ? 1 : 0) + (list ? 1 : 0) + (verify ? 1 : 0) > 1) {
            throw new BadInputException("--install-model, --list-models and --verify-models are separate commands; run one, then the other.");
        }
        new ParamValues(values).validate();
        return new CliArgs(values, help, list, verify, install, from);
    }

    ParamValues params() {
        Map<ParamSpec, String> v = new EnumMap<>(values);
        v.remove(ParamSpec.PREVIEW_EVERY);
        v.put(ParamSpec.PREVIEW_EVERY, "0");
        return new ParamValues(v);
    }
}
