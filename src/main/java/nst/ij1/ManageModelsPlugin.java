package nst.ij1;

import ij.IJ;
import ij.Macro;
import ij.gui.GenericDialog;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nst.core.BadInputException;
import nst.core.StyleTransferException;
import nst.net.Nd4jClassLoader;
import nst.model.ModelInstaller;
import nst.model.ModelLocator;
import nst.model.ModelRegistry;
import nst.model.ModelSpec;
import nst.model.ModelVerifier;
import nst.model.VerifyResult;

/**
 * Plugins > Style Transfer > Manage Style Transfer Models. Lists the models (size, status,
 * licence) and installs one (by download, from a mirror URL or from a local file, with a Browse
 * button), removes one, or verifies every installed model in full (each file hashed again; one
 * line per model in the Log). Macros, as the dialog records them:
 * {@code run("Manage Style Transfer Models", "model=vgg19 action=install from=[/path/or/url]")},
 * {@code action=remove}, and {@code action=verify} (which aborts the macro when a model is
 * damaged); {@code install=vgg19} and a bare {@code verify} work too.
 */
public final class ManageModelsPlugin implements ij.plugin.PlugIn {
    private static final String DOWNLOAD = "download";
    private static final String TITLE = "Manage Style Transfer Models";

    @Override
    public void run(String arg) {
        Nd4jClassLoader.useClassLoaderOf(ManageModelsPlugin.class);
        String options = Macro.getOptions();
        boolean macro = options != null || GraphicsEnvironment.isHeadless();
        ModelRegistry registry = ModelRegistry.load();
        Path dir = IjModels.dir(new nst.core.ParamValues(Map.of()));
        ModelLocator locator = new ModelLocator(dir);
        try {
            String[] request = macro ? fromMacro(options == null ? "" : options) : fromDialog(registry, locator);
            if (request == null) {
                return;
            }
            switch (request[0]) {
                case "list" -> IJ.log(listing(registry, locator));
                case "verify" -> verify(registry, locator, macro);
                case "remove" -> remove(registry.get(request[1]), dir);
                case "install" -> {
                    Path p = install(registry.get(request[1]), request[2], dir);
                    IJ.showStatus("Installed " + request[1] + ": " + p);
                    IJ.log("Installed " + request[1] + " (verified): " + p);
                }
                default -> throw new BadInputException("action=" + request[0] + " is not one of install, remove, verify.");
            }
        } catch (StyleTransferException e) {
            Failure.report(TITLE, e.getMessage(), macro);
        }
    }

    /**
     * {action, model, from} from macro options: {@code action=install|remove|verify model=<id>
     * from=<download|URL|file>} as the dialog records them; {@code install=<id>} and a bare
     * {@code verify} also work; no action and no model lists the models in the Log.
     */
    private static String[] fromMacro(String o) {
        String model = Macro.getValue(o, "model", Macro.getValue(o, "install", ""));
        String action = Macro.getValue(o, "action", hasFlag(o, "verify") ? "verify" : model.isEmpty() ? "list" : "install");
        if ((action.equals("install") || action.equals("remove")) && model.isEmpty()) {
            throw new BadInputException("action=" + action + " needs the model, e.g. model=vgg19.");
        }
        return new String[] {action, model, Macro.getValue(o, "from", DOWNLOAD)};
    }

    /** {action, model, from} from the dialog (a table of the models, the model, the action, the source with Browse), or null. */
    private static String[] fromDialog(ModelRegistry registry, ModelLocator locator) {
        GenericDialog gd = new GenericDialog(TITLE);
        gd.addMessage(listing(registry, locator), new java.awt.Font(java.awt.Font.MONOSPACED, java.awt.Font.PLAIN, 12));
        List<String> ids = registry.models().stream().map(ModelSpec::id).toList();
        gd.addChoice("Model", ids.toArray(String[]::new), ids.get(0));
        gd.addRadioButtonGroup("Action", new String[] {"install", "remove", "verify"}, 1, 3, "install");
        gd.addFileField("From (download, a URL, or a file)", DOWNLOAD, 36);
        gd.addMessage("verify hashes every installed model again; remove deletes the model's file from the folder.");
        gd.showDialog();
        if (gd.wasCanceled()) {
            return null;
        }
        String model = gd.getNextChoice();
        String action = gd.getNextRadioButton();
        return new String[] {action, model, gd.getNextString().trim()};
    }

    private static void remove(ModelSpec spec, Path dir) {
        boolean removed = new ModelInstaller(dir).remove(spec, new IjProgress("", false), IJ::escapePressed);
        String what = removed ? "Removed " + spec.id() + " from " + dir
                : spec.id() + " is not installed in " + dir + (spec.bundled() ? " (the copy inside the plugin stays)" : "");
        IJ.log(what);
        IJ.showStatus(what);
    }

    /** Whether macro {@code options} hold {@code key} bare, as ImageJ records a ticked checkbox. */
    private static boolean hasFlag(String options, String key) {
        String outsideBrackets = options.replaceAll("\\[[^\\]]*\\]", " ");
        return java.util.Arrays.asList(outsideBrackets.trim().split("\\s+")).contains(key);
    }

    /** Hashes every installed model again and logs one line per model; a damaged one is an error. */
    private static void verify(ModelRegistry registry, ModelLocator locator, boolean macro) {
        IJ.showStatus("Verifying the installed models...");
        List<VerifyResult> results = ModelVerifier.verifyAll(registry, locator);
        IJ.log("Verifying the models in " + locator.dir() + ":");
        results.forEach(r -> IJ.log("  " + r.describe()));
        long damaged = results.stream().filter(r -> !r.ok()).count();
        if (damaged == 0) {
            IJ.showStatus("Models verified: none damaged.");
            return;
        }
        Failure.report(TITLE, damaged + " model(s) damaged:\n" + String.join("\n",
                results.stream().filter(r -> !r.ok()).map(VerifyResult::describe).toList()), macro);
    }

    private static Path install(ModelSpec spec, String from, Path dir) {
        ModelInstaller installer = new ModelInstaller(dir);
        IjProgress progress = new IjProgress("", false);
        IJ.resetEscape();
        try {
            if (!from.isEmpty() && !from.equals(DOWNLOAD) && !from.matches("(?i)https?://.*") && !new java.io.File(from).isFile()) {
                throw new BadInputException("from=" + from + " is neither 'download', a URL, nor an existing file.");
            }
            return installer.install(spec, from.equals(DOWNLOAD) ? null : from, progress, IJ::escapePressed);
        } finally {
            progress.close();
        }
    }

    /** The models as a table for a monospaced font: id, size, status, name, and the licence wrapped below. */
    static String listing(ModelRegistry registry, ModelLocator locator) {
        StringBuilder sb = new StringBuilder("Models folder: " + locator.dir() + "\n\n");
        sb.append(String.format(java.util.Locale.ROOT, "%-15s %-12s %-10s %s%n", "model", "size", "status", "name"));
        for (ModelSpec m : registry.models()) {
            sb.append(String.format(java.util.Locale.ROOT, "%-15s %-12s %-10s %s%n", m.id(), m.sizeText(),
                    locator.availability(m).name().toLowerCase(java.util.Locale.ROOT), m.name()));
            sb.append(Failure.wrap("licence: " + m.license(), 72).replaceAll("(?m)^", "    ")).append('\n');
        }
        return sb.toString();
    }
}
