package nst.ij1;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import java.util.Map;
import java.util.function.BiFunction;
import nst.convert.RegionInputs;
import nst.core.BadInputException;
import nst.core.ParamSpec;
import nst.core.ParamValues;
import nst.core.RegionMode;

/**
 * The regions of an ImageJ run, from the {@code region} key: the content's area selection (the
 * default, as ImageJ's filters work), the ROI Manager's ROIs (one style each, in its order), or
 * a label image; and the background's style image.
 */
final class IjRegions {
    /**
     * What a run's regions are made from (a null source: the whole image), the background's style
     * (or null), and the label image the source came from (or null), an input the output must not replace.
     */
    record Choice(RegionInputs.Source source, ImagePlus background, ImagePlus labelImage) {
        static final Choice WHOLE = new Choice(null, null, null);
    }

    private IjRegions() { }

    /**
     * The regions that {@code v} asks for over {@code content} with {@code styles} style images.
     * {@code given} may hold the region and background images as objects (the SciJava command);
     * otherwise {@code lookup} finds them by title or path.
     */
    static Choice resolve(ImagePlus content, ParamValues v, int styles, Map<ParamSpec, ImagePlus> given,
                          BiFunction<String, String, ImagePlus> lookup) {
        RegionMode mode = v.region();
        ImagePlus background = given.containsKey(ParamSpec.BACKGROUND_STYLE) ? given.get(ParamSpec.BACKGROUND_STYLE)
                : v.get(ParamSpec.BACKGROUND_STYLE).map(t -> lookup.apply(t, "background_style")).orElse(null);
        if (background != null && mode != RegionMode.ROI_MANAGER && mode != RegionMode.LABELS) {
            throw new BadInputException("background_style needs region=roi_manager or region=labels (the background is what no region covers).");
        }
        return switch (mode) {
            case WHOLE -> Choice.WHOLE;
            case SELECTION -> selection(content);
            case ROI_MANAGER -> new Choice(new RegionInputs.Source(roiManager(content, styles), false), background, null);
            case LABELS -> {
                ImagePlus labels = given.containsKey(ParamSpec.REGION_IMAGE) ? given.get(ParamSpec.REGION_IMAGE)
                        : lookup.apply(v.get(ParamSpec.REGION_IMAGE).orElseThrow(() -> new BadInputException("region=labels needs a label image"
                        + " (0 = background, n = the n-th style image): choose it as 'Region image' on the dialog's Advanced page, or add"
                        + " region_image=[title or path] to the macro.")), "region_image");
                yield new Choice(new RegionInputs.Source(labels.getProcessor(), false), background, labels);
            }
        };
    }

    /** The content's area selection as a mask, or the whole image when it has none. */
    private static Choice selection(ImagePlus content) {
        Roi roi = content.getRoi();
        if (roi == null) {
            return Choice.WHOLE;
        }
        if (!roi.isArea()) {
            throw new BadInputException("The content has a " + roi.getTypeAsString().toLowerCase(java.util.Locale.ROOT)
                    + " selection, which has no area to style; select an area (rectangle, oval, polygon, freehand...), or use region=whole.");
        }
        ByteProcessor mask = new ByteProcessor(content.getWidth(), content.getHeight());
        mask.setColor(255);
        mask.fill(roi);
        return new Choice(new RegionInputs.Source(mask, true), null, null);
    }

    /** Label n for the n-th ROI of the ROI Manager (a later ROI covers an earlier one where they overlap). */
    private static ImageProcessor roiManager(ImagePlus content, int styles) {
        RoiManager rm = RoiManager.getInstance() != null ? RoiManager.getInstance() : RoiManager.getInstance2();
        Roi[] rois = rm == null ? new Roi[0] : rm.getRoisAsArray();
        if (rois.length == 0) {
            throw new BadInputException("region=roi_manager, but the ROI Manager holds no ROI; add the regions to it (t, or roiManager(\"add\")).");
        }
        if (rois.length > styles) {
            throw new BadInputException("The ROI Manager holds " + rois.length + " ROIs and there " + (styles == 1 ? "is 1 style image" : "are "
                    + styles + " style images") + ": ROI " + (styles + 1) + " ('" + rois[styles].getName() + "') has no style."
                    + " Give one style image per ROI, in the ROI Manager's order.");
        }
        if (rois.length < styles) {
            throw new BadInputException("There are " + styles + " style images but the ROI Manager holds " + rois.length
                    + " ROIs: style image " + (rois.length + 1) + " has no region. Give one style image per ROI, in the ROI Manager's order.");
        }
        ShortProcessor labels = new ShortProcessor(content.getWidth(), content.getHeight());
        for (int i = 0; i < rois.length; i++) {
            if (!rois[i].isArea()) {
                throw new BadInputException("ROI " + (i + 1) + " ('" + rois[i].getName() + "') is a " + rois[i].getTypeAsString().toLowerCase(
                        java.util.Locale.ROOT) + " selection, which has no area; use area ROIs only.");
            }
            labels.setValue(i + 1);
            labels.fill(rois[i]);
        }
        return labels;
    }
}
