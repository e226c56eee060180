package nst.ij1;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ImageProcessor;
import java.nio.file.Path;
import java.util.Optional;
import nst.app.NeuralStyle;
import nst.app.PreparedRun;
import nst.app.TimeLapse;
import nst.convert.ImageFiles;
import nst.convert.Images;
import nst.core.BadInputException;
import nst.core.CancellationToken;
import nst.core.ParamSpec;
import nst.core.ParamValues;
import nst.core.ProgressListener;
import nst.core.RgbImage;
import nst.core.StyleParams;
import nst.core.StyleTransferResult;

/**
 * One run inside ImageJ: the content image's current slice (or every slice), the style image,
 * the model, the engine, and a new result image. The input images are only read.
 */
final class StyleTransferJob {
    /** What a run produced: the new image, and whether Esc stopped it early. */
    record Outcome(ImagePlus image, boolean cancelled, double firstLoss, double finalLoss, ImagePlus frames) { }

    /**
     * Asked when a run would not fit in memory: whether to run at {@code side} (the longest side
     * that fits) instead; {@code message} says why.
     */
    interface SizeOffer {
        boolean accept(String message, int side);
    }

    private StyleTransferJob() { }

    static Outcome run(ImagePlus content, ImagePlus style, ParamValues v, IjModels.DownloadOffer offer, boolean preview,
                       CancellationToken cancel) {
        return run(content, java.util.List.of(style), null, v, offer, preview, cancel);
    }

    /** Several styles (blended), and an optional image to start from ({@code init=image}). */
    static Outcome run(ImagePlus content, java.util.List<ImagePlus> styles, ImagePlus initImage, ParamValues v,
                       IjModels.DownloadOffer offer, boolean preview, CancellationToken cancel) {
        return run(content, styles, initImage, v, offer, null, preview, cancel);
    }

    /**
     * As above; when the run would not fit in memory and {@code sizeOffer} (null in macros)
     * accepts the largest size that fits, it runs at that size.
     */
    static Outcome run(ImagePlus content, java.util.List<ImagePlus> styles, ImagePlus initImage, ParamValues v,
                       IjModels.DownloadOffer offer, SizeOffer sizeOffer, boolean preview, CancellationToken cancel) {
        return run(content, styles, initImage, v, java.util.Map.of(), offer, sizeOffer, preview, cancel);
    }

    /** As above; {@code given} holds the region_image and background_style images as objects, when a caller has them so. */
    static Outcome run(ImagePlus content, java.util.List<ImagePlus> styles, ImagePlus initImage, ParamValues v,
                       java.util.Map<ParamSpec, ImagePlus> given, IjModels.DownloadOffer offer, SizeOffer sizeOffer, boolean preview,
                       CancellationToken cancel) {
        IjRegions.Choice regions = IjRegions.resolve(content, v, styles.size(), given, StyleTransferPlugin::image);
        ParamValues values = v;
        for (int offers = 0; ; offers++) {
            try {
                return runOnce(content, styles, initImage, regions, values, offer, preview, cancel);
            } catch (nst.core.TooLargeException e) {
                // the Java heap's check comes first, the network's after it: each may offer a smaller size
                if (sizeOffer == null || offers == 2 || e.largestSide() < 8 || !sizeOffer.accept(e.getMessage(), e.largestSide())) {
                    throw e;
                }
                values = values.with(ParamSpec.SIZE, String.valueOf(e.largestSide()));
            }
        }
    }

    private static Outcome runOnce(ImagePlus content, java.util.List<ImagePlus> styles, ImagePlus initImage, IjRegions.Choice regions,
                                   ParamValues v, IjModels.DownloadOffer offer, boolean preview, CancellationToken cancel) {
        for (ImagePlus style : styles) {
            if (content == style) {
                throw new BadInputException("The style image is the content image itself; choose another style image.");
            }
        }
        Optional<Path> output = v.get(ParamSpec.OUTPUT).map(Path::of);
        output.ifPresent(ImageFiles::checkWritable);
        output.ifPresent(path -> ImageFiles.checkNotAnInput(path, sourceFiles(content, styles, initImage, regions)));
        boolean allSlices = v.flag(ParamSpec.ALL_SLICES) && content.getStackSize() > 1;
        NeuralStyle.Builder recipe = NeuralStyle.builder().options(preview ? v : v.with(ParamSpec.PREVIEW_EVERY, "0"))
                .content(Images.displayed(content)).models(IjModels.source(v, offer)).log(note -> ij.IJ.log("Neural Style Transfer: " + note));
        styles.forEach(s -> recipe.style(patch(s)));
        if (initImage != null) {
            recipe.init(Images.displayed(initImage));
        }
        if (regions.source() != null) {
            if (regions.source().mask()) {
                recipe.mask(regions.source().image());
            } else {
                recipe.regions(regions.source().image());
            }
        }
        if (regions.background() != null) {
            recipe.backgroundStyle(patch(regions.background()));
        }
        IjProgress progress = new IjProgress("Style transfer: ", preview);
        try {
            PreparedRun prepared = recipe.build().prepare(progress, cancel);
            RgbImage first = prepared.content();
            checkFramesFit(prepared.params(), first, allSlices ? content.getStackSize() : 1); // at most one frame per slice
            ImageStack out = new ImageStack(first.width(), first.height());
            ImageStack frames = new ImageStack(first.width(), first.height());
            LossPlot losses = new LossPlot(!java.awt.GraphicsEnvironment.isHeadless() && !ij.macro.Interpreter.isBatchMode());
            SequenceFrames sequence = allSlices ? SequenceFrames.of(content, v) : null;
            int count = sequence == null ? 1 : sequence.count();
            java.util.List<RgbImage> inputs = TimeLapse.lazily(count, k -> sequence == null ? first : nst.convert.Inputs.content(sequence.frame(k), v));
            TimeLapse.Summary summary = TimeLapse.of(prepared).run(inputs, k -> {
                losses.slice(k + 1);
                if (count > 1) {
                    progress.prefix("Style transfer, frame " + (k + 1) + "/" + count + ": ");
                }
                return new FrameCollector(progress, frames, losses);
            }, cancel, f -> out.addSlice(frameLabel(sequence, f), Images.toImagePlus(f.result().image(), "").getProcessor()));
            boolean cancelled = summary.cancelled();
            TimeLapse.Stats last = summary.frames().get(summary.frames().size() - 1); // the loss from and to, of the last frame
            double firstLoss = last.firstLoss();
            double finalLoss = last.finalLoss();
            String title = baseName(content) + "-styled-" + baseName(styles.get(0));
            // a title of its own beside other open results (a macro's selectImage, the plot and table are named after it)
            ImagePlus result = new ImagePlus(uniqueTitle(title), out);
            Calibration cal = scaled(content.getCalibration(), (double) content.getWidth() / first.width());
            result.setCalibration(cal);
            if (sequence != null) {
                sequence.shape(result);
            }
            losses.finish(result);
            FlickerReport.report(summary, result, count);
            output.ifPresent(path -> ImageFiles.save(result, path));
            ImagePlus frameStack = null;
            if (frames.getSize() > 0) {
                frameStack = new ImagePlus(result.getTitle() + "-frames", frames);
                frameStack.setCalibration(cal);
            }
            return new Outcome(result, cancelled, firstLoss, finalLoss, frameStack);
        } finally {
            progress.close();
        }
    }

    /** The files the input windows came from, by role (for the check that output= is none of them). */
    private static java.util.Map<String, Path> sourceFiles(ImagePlus content, java.util.List<ImagePlus> styles, ImagePlus init,
                                                           IjRegions.Choice regions) {
        java.util.Map<String, Path> files = new java.util.LinkedHashMap<>();
        sourceFile(content).ifPresent(f -> files.put("content", f));
        for (int i = 0; i < styles.size(); i++) {
            String role = styles.size() == 1 ? "style" : "style " + (i + 1);
            sourceFile(styles.get(i)).ifPresent(f -> files.put(role, f));
        }
        if (init != null) {
            sourceFile(init).ifPresent(f -> files.put("init", f));
        }
        if (regions.labelImage() != null) {
            sourceFile(regions.labelImage()).ifPresent(f -> files.put("region", f));
        }
        if (regions.background() != null) {
            sourceFile(regions.background()).ifPresent(f -> files.put("background style", f));
        }
        return files;
    }

    private static Optional<Path> sourceFile(ImagePlus imp) {
        ij.io.FileInfo fi = imp.getOriginalFileInfo();
        if (fi == null || fi.fileName == null || fi.directory == null || fi.directory.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Path.of(fi.directory, fi.fileName));
    }

    /**
     * Frames are kept in an ImageJ stack in memory: refuses a run whose frames would not fit in the
     * free Java memory, with the figure and a frames_every that fits.
     */
    static void checkFramesFit(StyleParams p, RgbImage size, int slices) {
        if (p.framesEvery() <= 0) {
            return;
        }
        long iterations = 0;
        for (int halvings = 0; halvings < p.scales(); halvings++) {
            iterations += p.iterationsAt(halvings);
        }
        long frames = slices * (iterations / p.framesEvery());
        long bytes = frames * size.width() * (long) size.height() * 4;
        long free = nst.convert.HeapMemory.free();
        if (bytes > free / 2) {
            long fits = Math.max(1, free / 2 / (size.width() * (long) size.height() * 4));
            long every = Math.max(p.framesEvery() + 1, (slices * iterations + fits - 1) / fits);
            throw new BadInputException(String.format(java.util.Locale.ROOT,
                    "frames_every=%d keeps %d frames of %dx%d (%.1f GB), more than half the %.1f GB of free Java memory; use frames_every=%d"
                            + " or more, or the command line, which writes each frame to disk as it comes.",
                    p.framesEvery(), frames, size.width(), size.height(), bytes / 1e9, free / 1e9, every));
        }
    }

    /** Passes progress on, adds each frame to a stack and each iteration's losses to the plot. */
    private static final class FrameCollector extends nst.core.ForwardingListener {
        private final ImageStack frames;
        private final LossPlot losses;

        FrameCollector(ProgressListener progress, ImageStack frames, LossPlot losses) {
            super(progress);
            this.frames = frames;
            this.losses = losses;
        }

        @Override
        public void onIteration(nst.core.Progress p) {
            super.onIteration(p);
            losses.onIteration(p);
        }

        @Override
        public void onFrame(RgbImage frame, int number) {
            frames.addSlice(Images.toImagePlus(frame, "").getProcessor());
        }
    }


    /**
     * A style image as displayed, or, when it has an area selection, only the selection's
     * bounding rectangle: a patch picked out of a larger picture. The image is not changed.
     */
    private static ImageProcessor patch(ImagePlus style) {
        ij.gui.Roi roi = style.getRoi();
        ImageProcessor ip = Images.displayed(style);
        return roi == null || !roi.isArea() ? ip : Images.crop(ip, roi.getBounds(), "'" + style.getTitle() + "'");
    }

    /** {@code title}, or with -1, -2, ... when an open image (a batch-mode one too) has it. */
    static String uniqueTitle(String title) {
        java.util.Set<String> open = new java.util.HashSet<>(OpenImages.titles(imp -> true));
        String t = title;
        for (int n = 1; open.contains(t); n++) {
            t = title + "-" + n;
        }
        return t;
    }

    /** A result frame's slice label: the input frame's, and "stopped early" on a frame Esc stopped. */
    private static String frameLabel(SequenceFrames sequence, TimeLapse.Frame f) {
        String label = sequence == null ? null : sequence.label(f.index());
        return f.result().cancelled() && sequence != null ? (label == null ? "" : label + " ") + "(stopped early)" : label;
    }

    /** The title without a file extension (spaces kept, unlike ImagePlus.getShortTitle). */
    static String baseName(ImagePlus imp) {
        String t = imp.getTitle();
        int dot = t.lastIndexOf('.');
        return dot > 0 && t.length() - dot <= 5 ? t.substring(0, dot) : t;
    }

    /** The content's calibration, its pixel size scaled to the result's size (uncalibrated stays so). */
    private static Calibration scaled(Calibration c, double factor) {
        Calibration out = c.copy();
        if (!c.scaled()) {
            return out;
        }
        out.pixelWidth *= factor;
        out.pixelHeight *= factor;
        return out;
    }
}
