package nst.ij1;

import ij.ImagePlus;
import ij.gui.GenericDialog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import nst.core.ColorMode;
import nst.core.Optimizer;
import nst.core.ParamSpec;
import nst.core.ParamValues;
import nst.core.Pooling;
import nst.core.Precision;
import nst.model.ModelRegistry;
import nst.model.ModelSpec;

/** The dialog's two pages, each built and read back in the same field order. */
final class StyleDialogPages {
    /** The keys of the Advanced page, in its order. */
    static final List<ParamSpec> ADVANCED = List.of(ParamSpec.SCALES, ParamSpec.STYLE_SCALE, ParamSpec.CONTENT_WEIGHT, ParamSpec.TV_WEIGHT,
            ParamSpec.CONTENT_LAYER, ParamSpec.STYLE_LAYERS, ParamSpec.OPTIMIZER, ParamSpec.LEARNING_RATE, ParamSpec.STOP_TOLERANCE,
            ParamSpec.INIT, ParamSpec.POOLING, ParamSpec.PRECISION, ParamSpec.TILE, ParamSpec.TILE_OVERLAP, ParamSpec.SEED,
            ParamSpec.PREVIEW_EVERY, ParamSpec.FRAMES_EVERY,
            ParamSpec.REGION_IMAGE, ParamSpec.BACKGROUND_STYLE, ParamSpec.FEATHER, ParamSpec.TEMPORAL_WEIGHT, ParamSpec.FRAMES_AXIS,
            ParamSpec.OUTPUT);

    private StyleDialogPages() { }

    /** The main page. Its OK runs with the advanced values last used; its "Advanced..." button opens that page first. */
    static GenericDialog main(ImagePlus content, Function<ParamSpec, String> last) {
        List<String> styles = styleChoices(content);
        List<String> models = ModelRegistry.load().models().stream().map(ModelSpec::id).toList();
        String model = last.apply(ParamSpec.MODEL).isEmpty() ? IjModels.defaultModel(new ParamValues(Map.of())) : last.apply(ParamSpec.MODEL);
        GenericDialog gd = new GenericDialog("Neural Style Transfer");
        gd.addMessage("Content: " + content.getTitle() + (content.getStackSize() > 1 ? " (slice " + content.getCurrentSlice() + ")" : ""));
        gd.addChoice(ParamSpec.STYLE.label("image"), styles.toArray(String[]::new), StyleDialog.choose(styles, last.apply(ParamSpec.STYLE)));
        gd.addFileField(ParamSpec.STYLE_FILE.label("when " + StyleDialog.FROM_FILE), last.apply(ParamSpec.STYLE_FILE));
        gd.addChoice(ParamSpec.MODEL.label("network"), models.toArray(String[]::new), StyleDialog.choose(models, model));
        gd.addMessage(modelStatus(), null, java.awt.Color.darkGray);
        // the last size, but not above the content's own (at least 64): a small picture is not enlarged unasked
        double size = Math.min(number(last, ParamSpec.SIZE), Math.max(64, Math.max(content.getWidth(), content.getHeight())));
        gd.addNumericField(ParamSpec.SIZE.label("longest side"), size, 0, 6, "px");
        gd.addNumericField(ParamSpec.ITERATIONS.label(""), number(last, ParamSpec.ITERATIONS), 0);
        gd.addStringField(ParamSpec.STYLE_WEIGHT.label("style strength, blank = model default"), last.apply(ParamSpec.STYLE_WEIGHT), 8);
        gd.addChoice(ParamSpec.COLORS.label(""), keys(ColorMode.values()), last.apply(ParamSpec.COLORS));
        List<String> regions = regionChoices(content);
        // not remembered: a region choice made for one image rarely fits the next
        gd.addChoice(ParamSpec.REGION.label("where the style goes"), regions.toArray(String[]::new), regions.contains("selection") ? "selection" : "whole");
        if (content.getStackSize() > 1) {
            gd.addCheckbox(ParamSpec.ALL_SLICES.label("every frame, each from the previous result"),
                    Boolean.parseBoolean(last.apply(ParamSpec.ALL_SLICES)));
            gd.addChoice(ParamSpec.TEMPORAL.label("frames follow the motion"), keys(nst.core.TemporalMode.values()),
                    last.apply(ParamSpec.TEMPORAL));
        }
        gd.enableYesNoCancel("OK", "Advanced...");
        gd.addHelp(DialogHelp.html());
        return gd;
    }

    static void readMain(GenericDialog gd, boolean stack, Map<ParamSpec, String> v) {
        v.put(ParamSpec.STYLE, gd.getNextChoice());
        v.put(ParamSpec.STYLE_FILE, gd.getNextString());
        v.put(ParamSpec.MODEL, gd.getNextChoice());
        v.put(ParamSpec.SIZE, whole(gd.getNextNumber()));
        v.put(ParamSpec.ITERATIONS, whole(gd.getNextNumber()));
        v.put(ParamSpec.STYLE_WEIGHT, gd.getNextString());
        v.put(ParamSpec.COLORS, gd.getNextChoice());
        v.put(ParamSpec.REGION, gd.getNextChoice());
        if (stack) {
            if (gd.getNextBoolean()) {
                v.put(ParamSpec.ALL_SLICES, "true");
            }
            v.put(ParamSpec.TEMPORAL, gd.getNextChoice());
        }
    }

    /** The Advanced page, its fields in {@link #ADVANCED}'s order. */
    static GenericDialog advanced(Function<ParamSpec, String> last) {
        GenericDialog gd = new GenericDialog("Neural Style Transfer: advanced");
        gd.addNumericField(ParamSpec.SCALES.label("coarse to fine"), number(last, ParamSpec.SCALES), 0);
        gd.addNumericField(ParamSpec.STYLE_SCALE.label("smaller = finer strokes"), number(last, ParamSpec.STYLE_SCALE), 2);
        gd.addMessage("Weights and layers: leave blank for the model's tuned defaults.");
        gd.addStringField(ParamSpec.CONTENT_WEIGHT.label(""), last.apply(ParamSpec.CONTENT_WEIGHT), 8);
        gd.addStringField(ParamSpec.TV_WEIGHT.label("smoothness"), last.apply(ParamSpec.TV_WEIGHT), 8);
        gd.addStringField(ParamSpec.CONTENT_LAYER.label(""), last.apply(ParamSpec.CONTENT_LAYER), 12);
        gd.addStringField(ParamSpec.STYLE_LAYERS.label("name[:weight],..."), last.apply(ParamSpec.STYLE_LAYERS), 24);
        gd.addChoice(ParamSpec.OPTIMIZER.label(""), keys(Optimizer.values()), last.apply(ParamSpec.OPTIMIZER));
        gd.addNumericField(ParamSpec.LEARNING_RATE.label("adam only"), number(last, ParamSpec.LEARNING_RATE), 2);
        gd.addNumericField(ParamSpec.STOP_TOLERANCE.label("per iteration, 0 = off"), number(last, ParamSpec.STOP_TOLERANCE), 4);
        gd.addChoice(ParamSpec.INIT.label("start from"), new String[] {"content", "noise"},
                StyleDialog.choose(List.of("content", "noise"), last.apply(ParamSpec.INIT)));
        gd.addChoice(ParamSpec.POOLING.label(""), keys(Pooling.values()), last.apply(ParamSpec.POOLING));
        gd.addChoice(ParamSpec.PRECISION.label("auto = fp32"), keys(Precision.values()), last.apply(ParamSpec.PRECISION));
        gd.addNumericField(ParamSpec.TILE.label("for large images, 0 = off"), number(last, ParamSpec.TILE), 0, 6, "px");
        gd.addStringField(ParamSpec.TILE_OVERLAP.label("px, blank = auto"), last.apply(ParamSpec.TILE_OVERLAP), 6);
        gd.addNumericField(ParamSpec.SEED.label(""), number(last, ParamSpec.SEED), 0);
        gd.addNumericField(ParamSpec.PREVIEW_EVERY.label("iterations, 0 = off"), number(last, ParamSpec.PREVIEW_EVERY), 0);
        gd.addNumericField(ParamSpec.FRAMES_EVERY.label("keep a frame every N, 0 = off"), number(last, ParamSpec.FRAMES_EVERY), 0);
        List<String> images = openImages();
        List<String> labelImages = labelImages();
        gd.addChoice(ParamSpec.REGION_IMAGE.label("labels, for region=labels"), labelImages.toArray(String[]::new),
                StyleDialog.choose(labelImages, last.apply(ParamSpec.REGION_IMAGE)));
        gd.addChoice(ParamSpec.BACKGROUND_STYLE.label("outside the regions"), images.toArray(String[]::new),
                StyleDialog.choose(images, last.apply(ParamSpec.BACKGROUND_STYLE)));
        gd.addStringField(ParamSpec.FEATHER.label("px, blank = 2% of size"), last.apply(ParamSpec.FEATHER), 6);
        gd.addStringField(ParamSpec.TEMPORAL_WEIGHT.label("blank = auto"), last.apply(ParamSpec.TEMPORAL_WEIGHT), 8);
        gd.addChoice(ParamSpec.FRAMES_AXIS.label("of a hyperstack"), new String[] {"auto", "t", "z"},
                StyleDialog.choose(List.of("auto", "t", "z"), last.apply(ParamSpec.FRAMES_AXIS)));
        gd.addStringField(ParamSpec.OUTPUT.label("optional file"), "", 24);
        gd.addHelp(DialogHelp.html());
        return gd;
    }

    static void readAdvanced(GenericDialog gd, Map<ParamSpec, String> v) {
        v.put(ParamSpec.SCALES, whole(gd.getNextNumber()));
        v.put(ParamSpec.STYLE_SCALE, Double.toString(gd.getNextNumber()));
        v.put(ParamSpec.CONTENT_WEIGHT, gd.getNextString());
        v.put(ParamSpec.TV_WEIGHT, gd.getNextString());
        v.put(ParamSpec.CONTENT_LAYER, gd.getNextString());
        v.put(ParamSpec.STYLE_LAYERS, gd.getNextString());
        v.put(ParamSpec.OPTIMIZER, gd.getNextChoice());
        v.put(ParamSpec.LEARNING_RATE, Double.toString(gd.getNextNumber()));
        v.put(ParamSpec.STOP_TOLERANCE, Double.toString(gd.getNextNumber()));
        v.put(ParamSpec.INIT, gd.getNextChoice());
        v.put(ParamSpec.POOLING, gd.getNextChoice());
        v.put(ParamSpec.PRECISION, gd.getNextChoice());
        v.put(ParamSpec.TILE, whole(gd.getNextNumber()));
        v.put(ParamSpec.TILE_OVERLAP, gd.getNextString());
        v.put(ParamSpec.SEED, whole(gd.getNextNumber()));
        v.put(ParamSpec.PREVIEW_EVERY, whole(gd.getNextNumber()));
        v.put(ParamSpec.FRAMES_EVERY, whole(gd.getNextNumber()));
        v.put(ParamSpec.REGION_IMAGE, none(gd.getNextChoice()));
        v.put(ParamSpec.BACKGROUND_STYLE, none(gd.getNextChoice()));
        v.put(ParamSpec.FEATHER, gd.getNextString());
        v.put(ParamSpec.TEMPORAL_WEIGHT, gd.getNextString());
        v.put(ParamSpec.FRAMES_AXIS, gd.getNextChoice());
        v.put(ParamSpec.OUTPUT, gd.getNextString());
    }

    /**
     * With region=roi_manager: a style image for each ROI of the ROI Manager, first the one chosen
     * on the main page; the titles joined by commas as style= takes them, or null when cancelled.
     */
    static String stylePerRoi(String first) {
        ij.plugin.frame.RoiManager rm = ij.plugin.frame.RoiManager.getInstance();
        ij.gui.Roi[] rois = rm == null ? new ij.gui.Roi[0] : rm.getRoisAsArray();
        if (rois.length < 2) {
            return first;
        }
        List<String> images = OpenImages.titles(imp -> true);
        GenericDialog gd = new GenericDialog("Neural Style Transfer: a style for each ROI");
        for (int i = 0; i < rois.length; i++) {
            String name = rois[i].getName() == null ? "" : " (" + rois[i].getName() + ")";
            gd.addChoice("ROI " + (i + 1) + name, images.toArray(String[]::new), i == 0 ? first : StyleDialog.choose(images, ""));
        }
        gd.showDialog();
        if (gd.wasCanceled()) {
            return null;
        }
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < rois.length; i++) {
            chosen.add(gd.getNextChoice());
        }
        return String.join(",", chosen);
    }

    private static final String NONE = "none";

    private static String none(String choice) {
        return NONE.equals(choice) ? "" : choice;
    }

    /** "none", then the open images' titles. */
    private static List<String> openImages() {
        List<String> out = new ArrayList<>(List.of(NONE));
        out.addAll(OpenImages.titles(imp -> true));
        return out;
    }

    /** "none", then the open images that can be label images (8-, 16- or 32-bit, one channel). */
    private static List<String> labelImages() {
        List<String> out = new ArrayList<>(List.of(NONE));
        out.addAll(OpenImages.titles(imp -> imp.getBitDepth() != 24 && imp.getNChannels() == 1));
        return out;
    }

    /** The region choices that apply: the content's selection, the whole image, the ROI Manager's ROIs, a label image. */
    private static List<String> regionChoices(ImagePlus content) {
        List<String> out = new ArrayList<>();
        if (content.getRoi() != null && content.getRoi().isArea()) {
            out.add("selection");
        }
        out.add("whole");
        ij.plugin.frame.RoiManager rm = ij.plugin.frame.RoiManager.getInstance();
        if (rm != null && rm.getCount() > 0) {
            out.add("roi_manager");
        }
        if (labelImages().size() > 1) {
            out.add("labels");
        }
        return out;
    }

    /** The open images a style can come from (not the content, not a run's own window), then the choice of a file. */
    private static List<String> styleChoices(ImagePlus content) {
        List<String> styles = OpenImages.titles(imp -> imp != content);
        styles.add(StyleDialog.FROM_FILE);
        return styles;
    }

    /** Each model's status, e.g. "squeezenet1.1: bundled   vgg19: not installed (offered for download)". */
    private static String modelStatus() {
        nst.model.ModelLocator locator = new nst.model.ModelLocator(IjModels.dir(new ParamValues(Map.of())));
        StringBuilder b = new StringBuilder();
        for (ModelSpec m : ModelRegistry.load().models()) {
            String status = switch (locator.availability(m)) {
                case INSTALLED -> "installed";
                case BUNDLED -> "bundled";
                case MISSING -> "not installed (" + m.sizeText() + ", offered for download)";
            };
            b.append(b.length() == 0 ? "" : "\n").append(m.id()).append(": ").append(status);
        }
        return b.toString();
    }

    private static double number(Function<ParamSpec, String> last, ParamSpec p) {
        try {
            return Double.parseDouble(last.apply(p));
        } catch (NumberFormatException e) {
            return Double.parseDouble(p.defaultValue());
        }
    }

    private static String[] keys(Enum<?>[] values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].name().toLowerCase(java.util.Locale.ROOT);
        }
        return out;
    }

    private static String whole(double d) {
        return Double.isNaN(d) ? "NaN" : Long.toString(Math.round(d));
    }
}
