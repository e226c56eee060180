package nst.ij1;

import ij.ImagePlus;
import ij.process.ImageProcessor;
import nst.core.BadInputException;
import nst.core.ParamSpec;
import nst.core.ParamValues;

/**
 * The frames of a stack or hyperstack for all_slices: the slices of a plain stack, or the time
 * points (or, without them, the z-slices) of a hyperstack at its current channel and other
 * position ({@code frames_axis} chooses). The result keeps the axis: a hyperstack along T comes
 * back as time points, with the content's frame interval.
 */
final class SequenceFrames {
    private final ImagePlus imp;
    private final boolean alongT;
    private final int count;

    private SequenceFrames(ImagePlus imp, boolean alongT, int count) {
        this.imp = imp;
        this.alongT = alongT;
        this.count = count;
    }

    static SequenceFrames of(ImagePlus imp, ParamValues v) {
        if (imp.getNChannels() > 1) {
            throw new BadInputException("all_slices works on single-channel stacks and hyperstacks; this image has " + imp.getNChannels()
                    + " channels. Leave all_slices off to stylize the image as displayed, or make it RGB first (Image > Type > RGB Color).");
        }
        String axis = v.value(ParamSpec.FRAMES_AXIS).toLowerCase(java.util.Locale.ROOT);
        if (!axis.equals("auto") && !axis.equals("t") && !axis.equals("z")) {
            throw new BadInputException("frames_axis must be auto, t or z, was '" + axis + "'.");
        }
        boolean t = axis.equals("t") || axis.equals("auto") && imp.getNFrames() > 1;
        int n = t ? imp.getNFrames() : imp.getNSlices();
        if (n < 2) {
            throw new BadInputException("frames_axis=" + axis + ": the image has " + n + " " + (t ? "time point" : "z-slice")
                    + "; choose the axis that holds the frames.");
        }
        return new SequenceFrames(imp, t, n);
    }

    int count() {
        return count;
    }

    /** Frame k (0-based) with the image's LUT and display range. */
    ImageProcessor frame(int k) {
        int index = alongT ? imp.getStackIndex(imp.getC(), imp.getZ(), k + 1) : imp.getStackIndex(imp.getC(), k + 1, imp.getT());
        ImageProcessor ip = imp.getStack().getProcessor(index);
        ip.setColorModel(imp.getProcessor().getColorModel());
        ip.setMinAndMax(imp.getDisplayRangeMin(), imp.getDisplayRangeMax());
        return ip;
    }

    String label(int k) {
        int index = alongT ? imp.getStackIndex(imp.getC(), imp.getZ(), k + 1) : imp.getStackIndex(imp.getC(), k + 1, imp.getT());
        return imp.getStack().getSliceLabel(index);
    }

    /** Gives the result the frames' axis (time points for T), for as many frames as it holds. */
    void shape(ImagePlus result) {
        int n = result.getStackSize();
        if (alongT) {
            result.setDimensions(1, 1, n);
        } else {
            result.setDimensions(1, n, 1);
        }
    }
}
