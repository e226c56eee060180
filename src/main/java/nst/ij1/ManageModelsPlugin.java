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
 * Plugins > Style Transfer > Manage Models... Lists the models (size, licence, where installed)
 * and installs one by download, from a mirror URL or from a local file, or verifies every
 * installed model in full (each file hashed again; one line per model in the Log). Macros:
 * {@code run("Manage Style Transfer Models", "install=vgg19 [from=/path/or/url]")} and
 * {@code run("Manage Style Transfer Models", "verify")} (which aborts the macro when a model is
 * damaged).
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
            String id;
            String from;
            if (macro) {
                String o = options == null ? "" : options;
                if (hasFlag(o, "verify")) {
                    verify(registry, locator, macro);
                    return;
                }
                id = Macro.getValue(o, "install", "");
                from = Macro.getValue(o, "from", DOWNLOAD);
                if (id.isEmpty()) {
                    IJ.log(listing(registry, locator));
                    return;
                }
            } else {
                GenericDialog gd = new GenericDialog(TITLE);
                gd.addMessage(listing(registry, locator));
                List<String> ids = registry.models().stream().map(ModelSpec::id).toList();
                gd.addChoice("Install", ids.toArray(String[]::new), ids.get(0));
                gd.addStringField("From (download, a URL, or a file)", DOWNLOAD, 40);
                gd.addCheckbox("Verify the installed models instead (hash every file; installs nothing)", false);
                gd.showDialog();
                if (gd.wasCanceled()) {
                    return;
                }
                if (gd.getNextBoolean()) { // read first, so a recorded macro says only "verify"
                    verify(registry, locator, false);
                    return;
                }
                id = gd.getNextChoice();
                from = gd.getNextString().trim();
            }
            Path p = install(registry.get(id), from, dir);
            IJ.showStatus("Installed " + id + ": " + p);
            IJ.log("Installed " + id + " (verified): " + p);
        } catch (StyleTransferException e) {
            Failure.report(TITLE, e.getMessage(), macro);
        }
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

    static String listing(ModelRegistry registry, ModelLocator locator) {
        StringBuilder sb = new StringBuilder("Models folder: " + locator.dir() + "\n");
        for (ModelSpec m : registry.models()) {
            sb.append(String.format("%-14s %-12s %-9s %s%n      licence: %s%n", m.id(), m.sizeText(),
                    locator.availability(m).name().toLowerCase(java.util.Locale.ROOT), m.name(), m.license()));
        }
        return sb.toString();
    }
}
