package nst.ij1;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ImageProcessor;
import java.nio.file.Path;
import java.util.Optional;
import nst.convert.ImageFiles;
import nst.convert.Images;
import nst.convert.Inputs;
import nst.core.StyleImage;
import nst.core.BadInputException;
import nst.core.CancellationToken;
import nst.core.FeatureNetwork;
import nst.core.ParamSpec;
import nst.core.ParamValues;
import nst.core.RgbImage;
import nst.core.StyleParams;
import nst.core.StyleTransferEngine;
import nst.core.StyleTransferRequest;
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
        try {
            return runOnce(content, styles, initImage, v, offer, preview, cancel);
        } catch (nst.model.MemoryCheck.TooLargeException e) {
            if (sizeOffer == null || !sizeOffer.accept(e.getMessage(), e.largestSide())) {
                throw e;
            }
            return runOnce(content, styles, initImage, v.with(ParamSpec.SIZE, String.valueOf(e.largestSide())), offer, preview, cancel);
        }
    }

    private static Outcome runOnce(ImagePlus content, java.util.List<ImagePlus> styles, ImagePlus initImage, ParamValues v,
                                   IjModels.DownloadOffer offer, boolean preview, CancellationToken cancel) {
        for (ImagePlus style : styles) {
            if (content == style) {
                throw new BadInputException("The style image is the content image itself; choose another style image.");
            }
        }
        Optional<Path> output = v.get(ParamSpec.OUTPUT).map(Path::of);
        output.ifPresent(ImageFiles::checkWritable);
        boolean allSlices = v.flag(ParamSpec.ALL_SLICES) && content.getStackSize() > 1;
        if (allSlices && content.isComposite()) {
            throw new BadInputException("all_slices works on plain stacks; for a multichannel image, leave it off to stylize the image as displayed.");
        }
        RgbImage first = Inputs.content(displayed(content), v);
        java.util.List<StyleImage> styleImages = Inputs.styles(styles.stream().map(StyleTransferJob::displayed).toList(), first, v);
        Optional<RgbImage> init = initImage == null ? Optional.empty() : Optional.of(Inputs.startImage(displayed(initImage), first));
        IjProgress progress = new IjProgress("Style transfer: ", preview);
        try {
            FeatureNetwork net = IjModels.load(v, offer, progress, cancel);
            StyleParams params = v.styleParams(net.defaults());
            if (!preview) {
                params = params.withPreviewEvery(0);
            }
            params = nst.model.MemoryCheck.fit(net, first.width(), first.height(), params, nst.model.MemoryCheck.available(),
                    note -> ij.IJ.log("Neural Style Transfer: " + note));
            StyleTransferEngine engine = new StyleTransferEngine(net);
            ImageStack out = new ImageStack(first.width(), first.height());
            int slices = allSlices ? content.getStackSize() : 1;
            Optional<RgbImage> start = init;
            ImageStack frames = new ImageStack(first.width(), first.height());
            boolean cancelled = false;
            double firstLoss = Double.NaN;
            double finalLoss = Double.NaN;
            for (int s = 1; s <= slices && !cancelled; s++) {
                RgbImage c = s == 1 ? first : Inputs.content(slice(content, s), v);
                IjProgress p = slices == 1 ? progress : new IjProgress("Style transfer, slice " + s + "/" + slices + ": ", preview);
                StyleTransferResult r = engine.run(new StyleTransferRequest(c, styleImages, params, start), p, cancel);
                r.frames().forEach(f -> frames.addSlice(Images.toImagePlus(f, "").getProcessor()));
                out.addSlice(allSlices ? content.getStack().getSliceLabel(s) : null, Images.toImagePlus(r.image(), "").getProcessor());
                start = Optional.of(r.image());
                cancelled = r.cancelled();
                firstLoss = s == 1 ? r.losses().get(0).total() : firstLoss;
                finalLoss = r.finalLosses().total();
            }
            ImagePlus result = new ImagePlus(baseName(content) + "-styled-" + baseName(styles.get(0)), out);
            Calibration cal = scaled(content.getCalibration(), (double) content.getWidth() / first.width());
            result.setCalibration(cal);
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

    /** The current slice as the user sees it: composites merged, LUTs and display ranges applied. */
    static ImageProcessor displayed(ImagePlus imp) {
        if (imp.getProcessor() == null) {
            throw new BadInputException("The image '" + imp.getTitle() + "' has no pixels (was it closed?); open it again.");
        }
        if (imp instanceof CompositeImage ci && ci.getMode() == CompositeImage.COMPOSITE) {
            return imp.flatten().getProcessor();
        }
        return imp.getProcessor();
    }

    private static ImageProcessor slice(ImagePlus imp, int n) {
        ImageProcessor ip = imp.getStack().getProcessor(n);
        ip.setColorModel(imp.getProcessor().getColorModel());
        ip.setMinAndMax(imp.getDisplayRangeMin(), imp.getDisplayRangeMax());
        return ip;
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
