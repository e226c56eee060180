package nst.ij1;

import ij.ImagePlus;
import ij.Prefs;
import ij.WindowManager;
import ij.gui.GenericDialog;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import nst.core.Optimizer;
import nst.core.ParamSpec;
import nst.core.ParamValues;
import nst.model.ModelRegistry;
import nst.model.ModelSpec;

/**
 * The dialog, built from the parameter catalogue and read back in the same order, in one
 * place. Each label starts with its key, so ImageJ's recorder records that key. Remembers the
 * last values in ImageJ's preferences. Only built with a display and no macro options.
 */
final class StyleDialog {
    static final String FROM_FILE = "<file>";
    private static final String PREFS = "nst.";

    private StyleDialog() { }

    /** The values, or null if the user cancelled. */
    static ParamValues ask(ImagePlus content) {
        GenericDialog gd = build(content);
        gd.showDialog();
        if (gd.wasCanceled()) {
            return null;
        }
        Map<ParamSpec, String> v = read(gd, content.getStackSize() > 1);
        v.forEach((k, val) -> Prefs.set(PREFS + k.key(), val));
        Prefs.set(PREFS + ParamSpec.ALL_SLICES.key(), v.containsKey(ParamSpec.ALL_SLICES));
        return new ParamValues(v);
    }

    /** The dialog, its fields in the order {@link #read} reads them, each starting at the last value used. */
    private static GenericDialog build(ImagePlus content) {
        List<String> styles = new ArrayList<>();
        for (int id : WindowManager.getIDList() == null ? new int[0] : WindowManager.getIDList()) {
            ImagePlus imp = WindowManager.getImage(id);
            if (imp != null && imp != content) {
                styles.add(imp.getTitle());
            }
        }
        styles.add(FROM_FILE);
        List<String> models = ModelRegistry.load().models().stream().map(ModelSpec::id).toList();

        GenericDialog gd = new GenericDialog("Neural Style Transfer");
        gd.addMessage("Content: " + content.getTitle() + (content.getStackSize() > 1 ? " (slice " + content.getCurrentSlice() + ")" : ""));
        gd.addChoice(ParamSpec.STYLE.label("image"), styles.toArray(String[]::new), choose(styles, last(ParamSpec.STYLE)));
        gd.addFileField(ParamSpec.STYLE_FILE.label("when " + FROM_FILE), last(ParamSpec.STYLE_FILE));
        gd.addChoice(ParamSpec.MODEL.label("network"), models.toArray(String[]::new), choose(models, last(ParamSpec.MODEL).isEmpty() ? IjModels.defaultModel(new ParamValues(Map.of())) : last(ParamSpec.MODEL)));
        gd.addNumericField(ParamSpec.SIZE.label("longest side"), Double.parseDouble(last(ParamSpec.SIZE)), 0, 6, "px");
        gd.addNumericField(ParamSpec.ITERATIONS.label(""), Double.parseDouble(last(ParamSpec.ITERATIONS)), 0);
        gd.addNumericField(ParamSpec.SCALES.label("coarse to fine"), Double.parseDouble(last(ParamSpec.SCALES)), 0);
        gd.addNumericField(ParamSpec.STYLE_SCALE.label("smaller = finer strokes"), Double.parseDouble(last(ParamSpec.STYLE_SCALE)), 2);
        gd.addNumericField(ParamSpec.TILE.label("for large images, 0 = off"), Double.parseDouble(last(ParamSpec.TILE)), 0, 6, "px");
        gd.addStringField(ParamSpec.TILE_OVERLAP.label("px, blank = auto"), last(ParamSpec.TILE_OVERLAP), 6);
        gd.addChoice(ParamSpec.COLORS.label(""), keys(nst.core.ColorMode.values()), last(ParamSpec.COLORS));
        gd.addMessage("Weights and layers: leave blank for the model's tuned defaults.");
        gd.addStringField(ParamSpec.CONTENT_WEIGHT.label(""), last(ParamSpec.CONTENT_WEIGHT), 8);
        gd.addStringField(ParamSpec.STYLE_WEIGHT.label(""), last(ParamSpec.STYLE_WEIGHT), 8);
        gd.addStringField(ParamSpec.TV_WEIGHT.label("smoothness"), last(ParamSpec.TV_WEIGHT), 8);
        gd.addStringField(ParamSpec.CONTENT_LAYER.label(""), last(ParamSpec.CONTENT_LAYER), 12);
        gd.addStringField(ParamSpec.STYLE_LAYERS.label("name[:weight],..."), last(ParamSpec.STYLE_LAYERS), 24);
        gd.addChoice(ParamSpec.OPTIMIZER.label(""), keys(Optimizer.values()), last(ParamSpec.OPTIMIZER));
        gd.addNumericField(ParamSpec.LEARNING_RATE.label("adam only"), Double.parseDouble(last(ParamSpec.LEARNING_RATE)), 2);
        gd.addChoice(ParamSpec.INIT.label("start from"), new String[] {"content", "noise"}, choose(List.of("content", "noise"), last(ParamSpec.INIT)));
        gd.addChoice(ParamSpec.POOLING.label(""), keys(nst.core.Pooling.values()), last(ParamSpec.POOLING));
        gd.addNumericField(ParamSpec.SEED.label(""), Double.parseDouble(last(ParamSpec.SEED)), 0);
        gd.addNumericField(ParamSpec.PREVIEW_EVERY.label("iterations, 0 = off"), Double.parseDouble(last(ParamSpec.PREVIEW_EVERY)), 0);
        gd.addNumericField(ParamSpec.FRAMES_EVERY.label("keep a frame every N, 0 = off"), Double.parseDouble(last(ParamSpec.FRAMES_EVERY)), 0);
        if (content.getStackSize() > 1) {
            gd.addCheckbox(ParamSpec.ALL_SLICES.label("each from the previous result"), Boolean.parseBoolean(last(ParamSpec.ALL_SLICES)));
        }
        gd.addStringField(ParamSpec.OUTPUT.label("optional file"), "", 24);
        gd.addHelp("https://github.com/search?q=Neural_Style_Transfer");
        return gd;
    }

    /** The values of the fields {@link #build} added, in the same order. */
    private static Map<ParamSpec, String> read(GenericDialog gd, boolean stack) {
        Map<ParamSpec, String> v = new EnumMap<>(ParamSpec.class);
        v.put(ParamSpec.STYLE, gd.getNextChoice());
        v.put(ParamSpec.STYLE_FILE, gd.getNextString());
        v.put(ParamSpec.MODEL, gd.getNextChoice());
        v.put(ParamSpec.SIZE, whole(gd.getNextNumber()));
        v.put(ParamSpec.ITERATIONS, whole(gd.getNextNumber()));
        v.put(ParamSpec.SCALES, whole(gd.getNextNumber()));
        v.put(ParamSpec.STYLE_SCALE, Double.toString(gd.getNextNumber()));
        v.put(ParamSpec.TILE, whole(gd.getNextNumber()));
        v.put(ParamSpec.TILE_OVERLAP, gd.getNextString());
        v.put(ParamSpec.COLORS, gd.getNextChoice());
        v.put(ParamSpec.CONTENT_WEIGHT, gd.getNextString());
        v.put(ParamSpec.STYLE_WEIGHT, gd.getNextString());
        v.put(ParamSpec.TV_WEIGHT, gd.getNextString());
        v.put(ParamSpec.CONTENT_LAYER, gd.getNextString());
        v.put(ParamSpec.STYLE_LAYERS, gd.getNextString());
        v.put(ParamSpec.OPTIMIZER, gd.getNextChoice());
        v.put(ParamSpec.LEARNING_RATE, Double.toString(gd.getNextNumber()));
        v.put(ParamSpec.INIT, gd.getNextChoice());
        v.put(ParamSpec.POOLING, gd.getNextChoice());
        v.put(ParamSpec.SEED, whole(gd.getNextNumber()));
        v.put(ParamSpec.PREVIEW_EVERY, whole(gd.getNextNumber()));
        v.put(ParamSpec.FRAMES_EVERY, whole(gd.getNextNumber()));
        if (stack && gd.getNextBoolean()) {
            v.put(ParamSpec.ALL_SLICES, "true");
        }
        v.put(ParamSpec.OUTPUT, gd.getNextString());
        return v;
    }

    private static String last(ParamSpec p) {
        return Prefs.get(PREFS + p.key(), p.isFlag() ? "false" : p.defaultValue());
    }

    private static String choose(List<String> items, String wanted) {
        return items.contains(wanted) ? wanted : items.get(0);
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
