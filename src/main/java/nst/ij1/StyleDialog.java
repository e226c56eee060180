package nst.ij1;

import ij.ImagePlus;
import ij.Prefs;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import nst.core.ParamSpec;
import nst.core.ParamValues;

/**
 * The dialog: a short main page (style, model, size, iterations, style strength, colours, and
 * the stack choice where it applies), and an Advanced page behind its button (layers, weights,
 * optimizer, start image, tiling, scales, seed, preview, frames, output). Each label starts
 * with its key, so ImageJ's recorder records that key; the advanced values used without their
 * page are recorded too, so a recorded macro replays the same run. Values are remembered in
 * ImageJ's preferences once they pass validation. Only built with a display and no macro options.
 */
final class StyleDialog {
    static final String FROM_FILE = "<file>";
    private static final String PREFS = "nst.";

    private StyleDialog() { }

    /** The values, or null if the user cancelled. Throws BadInputException for a value that is out of range. */
    static ParamValues ask(ImagePlus content) {
        GenericDialog main = StyleDialogPages.main(content, StyleDialog::last);
        main.showDialog();
        if (main.wasCanceled()) {
            return null;
        }
        boolean advanced = !main.wasOKed();
        Map<ParamSpec, String> v = new EnumMap<>(ParamSpec.class);
        StyleDialogPages.readMain(main, content.getStackSize() > 1, v);
        if (advanced) {
            GenericDialog more = StyleDialogPages.advanced(StyleDialog::last);
            more.showDialog();
            if (more.wasCanceled()) {
                remember(v); // the main page's edits come back next time
                return null;
            }
            StyleDialogPages.readAdvanced(more, v);
        } else {
            for (ParamSpec p : StyleDialogPages.ADVANCED) {
                v.put(p, last(p));
            }
        }
        // the region images only go with the region modes that use them (a remembered one would refuse a whole-image run)
        String region = v.get(ParamSpec.REGION);
        if (!"labels".equals(region)) {
            v.remove(ParamSpec.REGION_IMAGE);
        }
        if (!"labels".equals(region) && !"roi_manager".equals(region)) {
            v.remove(ParamSpec.BACKGROUND_STYLE);
        }
        if ("roi_manager".equals(region)) {
            String styles = StyleDialogPages.stylePerRoi(v.get(ParamSpec.STYLE));
            if (styles == null) {
                return null;
            }
            v.put(ParamSpec.STYLE, styles);
        }
        ParamValues values = new ParamValues(v).validate();
        record(v);
        v.forEach((k, val) -> Prefs.set(PREFS + k.key(), val));
        Prefs.set(PREFS + ParamSpec.ALL_SLICES.key(), v.containsKey(ParamSpec.ALL_SLICES));
        return values;
    }

    /**
     * Records the run's values as the macro key list that replays it, in place of what the pages
     * recorded as they were read: the style, every value that is not the default (advanced ones
     * taken from the preferences included), ticked flags bare; no key twice.
     */
    static void record(Map<ParamSpec, String> v) {
        if (!Recorder.record) {
            return;
        }
        Recorder.resetCommandOptions();
        for (Map.Entry<ParamSpec, String> e : v.entrySet()) {
            ParamSpec p = e.getKey();
            String value = e.getValue();
            if (p == ParamSpec.STYLE_FILE && !FROM_FILE.equals(v.get(ParamSpec.STYLE))) {
                continue; // a file field left over from an earlier run, not used by this one
            }
            if (p.isFlag()) {
                if ("true".equals(value)) {
                    Recorder.recordOption(p.key());
                }
            } else if (p == ParamSpec.STYLE || !value.isEmpty() && !value.equals(p.defaultValue())) {
                Recorder.recordOption(p.key(), value);
            }
        }
    }

    /** Remembers values that pass validation, as the next dialog's starting values. */
    private static void remember(Map<ParamSpec, String> v) {
        try {
            new ParamValues(v).validate();
        } catch (nst.core.BadInputException e) {
            return;
        }
        v.forEach((k, val) -> Prefs.set(PREFS + k.key(), val));
    }

    /** Forgets the model last chosen, so that the next dialog starts at the one that runs (after a declined or failed download). */
    static void forgetModel() {
        Prefs.set(PREFS + ParamSpec.MODEL.key(), "");
    }

    /** The last value used (from the preferences), else the catalogue's default. */
    static String last(ParamSpec p) {
        return p == ParamSpec.OUTPUT ? "" : Prefs.get(PREFS + p.key(), p.isFlag() ? "false" : p.defaultValue());
    }

    static String choose(List<String> items, String wanted) {
        return items.contains(wanted) ? wanted : items.get(0);
    }
}
