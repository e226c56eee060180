package nst.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.YesNoCancelDialog;
import ij.plugin.PlugIn;
import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import nst.convert.ImageFiles;
import nst.convert.Inputs;
import nst.core.BadInputException;
import nst.core.ParamSpec;
import nst.core.ParamValues;
import nst.core.StyleTransferException;
import nst.net.Nd4jClassLoader;

/**
 * Plugins > Style Transfer > Neural Style Transfer... With macro options or without a display no
 * dialog is built: the options are parsed by {@link MacroOptions}. The result opens as a new
 * image (in batch mode it becomes the macro's current image without a window).
 */
public final class StyleTransferPlugin implements PlugIn {

    @Override
    public void run(String arg) {
        Nd4jClassLoader.useClassLoaderOf(StyleTransferPlugin.class);
        String options = Macro.getOptions();
        boolean macro = options != null || GraphicsEnvironment.isHeadless();
        try {
            ParamValues v;
            ImagePlus content;
            if (macro) {
                v = MacroOptions.parse(options);
                content = content(v);
            } else {
                content = content(new ParamValues(java.util.Map.of()));
                v = StyleDialog.ask(content);
                if (v == null) {
                    notRecorded(null); // the main page's values were recorded as they were read
                    return;
                }
            }
            StyleTransferJob.Outcome o = runInTurn(content, v, macro);
            if (o == null) {
                return;
            }
            if (o.frames() != null) {
                o.frames().show();
            }
            o.image().show();
            if (o.cancelled()) {
                notRecorded("// Neural Style Transfer was cancelled with Esc; its options were: ");
            }
            IJ.showStatus(String.format(Locale.ROOT, "Style transfer %s: loss %.4g -> %.4g", o.cancelled() ? "cancelled (best image kept)" : "done",
                    o.firstLoss(), o.finalLoss()));
        } catch (StyleTransferException e) {
            notRecorded(null);
            if (!macro && e instanceof nst.model.ModelDownloadException) {
                StyleDialog.forgetModel(); // the next dialog starts at a model that runs, not at the download that failed
            }
            fail(e.getMessage(), macro);
        } catch (OutOfMemoryError e) {
            notRecorded(null);
            fail("Style transfer ran out of Java memory (" + e.getMessage() + "); use a smaller size or tile, "
                    + nst.convert.HeapMemory.MORE_MEMORY + ".", macro);
        }
    }

    /**
     * Keeps a run that did not finish out of the recorded macro (it would replay as if it had);
     * with {@code comment}, the recorder gets that line and the run's options as a comment instead.
     */
    private static void notRecorded(String comment) {
        if (!ij.plugin.frame.Recorder.record) {
            return;
        }
        String options = ij.plugin.frame.Recorder.getCommandOptions();
        ij.plugin.frame.Recorder.disableCommandRecording();
        if (comment != null) {
            ij.plugin.frame.Recorder.recordString(comment + (options == null ? "" : options.trim()) + "\n");
        }
    }

    /**
     * Runs when this run's turn comes ({@link RunQueue}), with the size and download offers in the
     * dialog's case; null when the user declined an offer or the wait was interrupted.
     */
    private static StyleTransferJob.Outcome runInTurn(ImagePlus content, ParamValues v, boolean macro) {
        java.util.List<ImagePlus> styles = styles(v);
        ImagePlus init = v.get(ParamSpec.INIT_IMAGE).map(t -> image(t, "init_image")).orElse(null);
        boolean[] declined = {false, false}; // the size offer, the download offer
        StyleTransferJob.SizeOffer sizeOffer = macro ? null : (message, side) -> {
            declined[0] = !offerSize(message, side);
            if (!declined[0] && ij.plugin.frame.Recorder.record) {
                ij.plugin.frame.Recorder.recordOption(ParamSpec.SIZE.key(), String.valueOf(side)); // the size that ran, for the replay
            }
            return !declined[0];
        };
        IjModels.DownloadOffer downloadOffer = macro ? null : (spec, dir) -> {
            declined[1] = !offerDownload(spec, dir);
            return !declined[1];
        };
        try (RunQueue.Turn turn = RunQueue.await(ahead -> IJ.showStatus("Neural Style Transfer: waiting, " + ahead + " run"
                + (ahead == 1 ? "" : "s") + " ahead"))) {
            IJ.resetEscape(); // an Esc pressed for the run ahead is not for this one
            return StyleTransferJob.run(content, styles, init, v, downloadOffer, sizeOffer, !macro && !IJ.isMacro(), IJ::escapePressed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notRecorded(null);
            return null;
        } catch (nst.core.TooLargeException | nst.core.ModelNotFoundException e) {
            if (declined[0] || declined[1]) { // the user said no: nothing to report
                notRecorded(null);
                if (declined[1]) {
                    StyleDialog.forgetModel();
                }
                IJ.showStatus(declined[0] ? "Style transfer not run: it would not fit in memory" : "Style transfer not run: model not installed");
                return null;
            }
            throw e;
        }
    }

    /** The active image, or the open image that {@code content=} names. */
    static ImagePlus content(ParamValues v) {
        if (v.get(ParamSpec.CONTENT).isPresent()) {
            ImagePlus imp = WindowManager.getImage(v.get(ParamSpec.CONTENT).get());
            if (imp == null) {
                throw new BadInputException("No open image is titled '" + v.get(ParamSpec.CONTENT).get() + "'; open the content image first.");
            }
            return imp;
        }
        ImagePlus imp = WindowManager.getCurrentImage();
        if (imp == null) {
            throw new BadInputException("No image is open: open the content image first, then run Neural Style Transfer.");
        }
        return imp;
    }

    /**
     * {@code style=} is an open image's title, a file, or {@code <file>} with {@code style_file=};
     * several, comma-separated, are blended.
     */
    static java.util.List<ImagePlus> styles(ParamValues v) {
        String s = v.get(ParamSpec.STYLE).orElseThrow(() -> new BadInputException(
                "No style image given: add style=[title of an open image] or style=[/path/to/painting.jpg]."));
        if (s.equals(StyleDialog.FROM_FILE)) {
            s = v.required(ParamSpec.STYLE_FILE, "With style=" + StyleDialog.FROM_FILE + ", style_file");
        }
        java.util.List<ImagePlus> out = new java.util.ArrayList<>();
        for (String name : Inputs.splitStyles(s, t -> WindowManager.getImage(t) != null || Files.exists(Path.of(t)))) {
            out.add(image(name, "style"));
        }
        return out;
    }

    /** An open image by title, else an image file. */
    static ImagePlus image(String name, String role) {
        ImagePlus open = WindowManager.getImage(name);
        if (open == null) {
            open = WindowManager.getImage("[" + name + "]"); // ImageJ records a title "[draft]" without its brackets
        }
        if (open != null) {
            return open;
        }
        if (Files.exists(Path.of(name))) {
            return ImageFiles.open(Path.of(name), role);
        }
        throw new BadInputException("The " + role + " image '" + name + "' is neither an open image nor a file; open it or give its path.");
    }

    private static boolean offerDownload(nst.model.ModelSpec spec, Path dir) {
        YesNoCancelDialog d = new YesNoCancelDialog(IJ.getInstance(), "Model not installed", "The model " + spec.name()
                + " is not installed.\nDownload it now (" + spec.sizeText() + ") into\n" + dir + " ?\n \nLicence: " + spec.license());
        return d.yesPressed();
    }

    private static boolean offerSize(String message, int side) {
        YesNoCancelDialog d = new YesNoCancelDialog(IJ.getInstance(), "Not enough memory", message.replace("; ", ";\n")
                + "\n \nRun at size " + side + " (the largest that fits) instead?");
        return d.yesPressed();
    }

    private static void fail(String message, boolean macro) {
        Failure.report("Neural Style Transfer", message, macro);
    }
}
