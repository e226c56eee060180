package nst.cli;

import nst.core.ParamSpec;

/** The --help text, from the parameter catalogue. */
final class Usage {
    private Usage() { }

    static String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("Neural style transfer (Gatys et al.): repaints the content image in the style of the style image.\n\n");
        sb.append("Usage: nst --content PHOTO --style PAINTING --output RESULT.png [options]\n");
        sb.append("       nst --list-models [--models-dir DIR]\n");
        sb.append("       nst --verify-models [--models-dir DIR]      (rehash every installed model; exit 1 if one is damaged)\n");
        sb.append("       nst --install-model ID [--from FILE_OR_URL] [--models-dir DIR]\n\nOptions:\n");
        for (ParamSpec p : ParamSpec.values()) {
            if (!p.onCommandLine()) {
                continue;
            }
            String def = p.defaultValue().isEmpty() ? "" : " (default " + p.defaultValue() + ")";
            String opt = p.isFlag() ? p.cliOption() : p.cliOption() + " V";
            sb.append(String.format("  %-20s %s%s%n", opt, p.help(), def));
        }
        sb.append("\nExit codes: 0 ok, 2 bad arguments, 3 model missing, 1 other failure; 130 (Ctrl-C) or 143 (SIGTERM): stopped,\n"
                + "the best image so far written as <output>-partial.<ext>.\n");
        return sb.toString();
    }

    /** The README's parameter table (README.md holds exactly this between its params markers). */
    static String markdownTable() {
        StringBuilder sb = new StringBuilder("| key (macro) | option (command line) | default | meaning |\n|---|---|---|---|\n");
        for (ParamSpec p : ParamSpec.values()) {
            String def = p.isFlag() ? "off" : p.defaultValue().isEmpty() ? "-" : "`" + p.defaultValue() + "`";
            sb.append("| `").append(p.key()).append("` | ").append(p.onCommandLine() ? "`" + p.cliOption() + "`" : "-").append(" | ").append(def)
                    .append(" | ").append(p.help()).append(" |\n");
        }
        return sb.toString();
    }
}
