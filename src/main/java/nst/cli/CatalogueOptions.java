package nst.cli;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import nst.core.BadInputException;
import nst.core.ParamSpec;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The catalogue's parameters as picocli options ({@code --key value} or {@code --key=value}, flags
 * without a value), shared by every command line built on the catalogue: {@code nst} and the Spark
 * batch job.
 */
public final class CatalogueOptions {
    private CatalogueOptions() { }

    /** Adds one option for each catalogue key the command line takes and {@code which} accepts. */
    public static void add(CommandSpec spec, Predicate<ParamSpec> which) {
        for (ParamSpec p : ParamSpec.values()) {
            if (p.onCommandLine() && which.test(p)) {
                spec.addOption(OptionSpec.builder(p.cliOption()).description(p.help())
                        .arity(p.isFlag() ? "0" : "1").type(p.isFlag() ? boolean.class : String.class).build());
            }
        }
    }

    /** The values given of the catalogue keys {@code which} accepts ({@code "true"} for a flag); an empty value is refused. */
    public static Map<ParamSpec, String> read(ParseResult r, Predicate<ParamSpec> which) {
        Map<ParamSpec, String> values = new EnumMap<>(ParamSpec.class);
        for (ParamSpec p : ParamSpec.values()) {
            if (p.onCommandLine() && which.test(p) && r.hasMatchedOption(p.cliOption())) {
                String value = p.isFlag() ? "true" : r.matchedOptionValue(p.cliOption(), "");
                if (value.isBlank()) {
                    throw new BadInputException("Option " + p.cliOption() + " needs a value (it was given an empty one).");
                }
                values.put(p, value);
            }
        }
        return values;
    }

    /** Parses {@code args} (an option given twice is refused); a wrong argument is a {@link BadInputException} in one sentence. */
    public static ParseResult parse(CommandSpec spec, String[] args) {
        CommandLine cl = new CommandLine(spec);
        cl.setOverwrittenOptionsAllowed(false);
        try {
            return cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new BadInputException(message(e));
        }
    }

    /** One sentence for each way the arguments can be wrong, with picocli's suggestion for a mistyped option. */
    private static String message(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException u) {
            String arg = u.getUnmatched().isEmpty() ? "" : u.getUnmatched().get(0);
            List<String> like = u.getSuggestions();
            if (!arg.startsWith("-")) {
                return "Unexpected argument '" + arg + "'; options look like --content photo.png (see --help).";
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            return "Unknown option " + name + (like.isEmpty() ? "." : "; did you mean " + String.join(" or ", like) + "?")
                    + " See --help for the options.";
        }
        if (e instanceof CommandLine.OverwrittenOptionException o) {
            return "Option " + (o.getOverwritten() instanceof OptionSpec os ? os.longestName() : o.getOverwritten().paramLabel()) + " is given twice.";
        }
        if (e instanceof CommandLine.MissingParameterException m) {
            String name = m.getMissing().isEmpty() ? "" : m.getMissing().get(0) instanceof OptionSpec o ? o.longestName()
                    : m.getMissing().get(0).paramLabel();
            return "Option " + name + " needs a value.";
        }
        java.util.regex.Matcher flag = java.util.regex.Pattern.compile("option '(--[a-z-]+)' should be specified without").matcher(e.getMessage());
        if (flag.find()) {
            return "Option " + flag.group(1) + " takes no value.";
        }
        return e.getMessage() + " (see --help).";
    }
}
