package nst.ij1;

import ij.ImagePlus;
import ij.WindowManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The open images (batch-mode ones too) a user may pick as inputs: a run's own windows (its preview, its loss plot) are marked and left out. */
final class OpenImages {
    private static final String RUN_WINDOW = "nst.runWindow";

    private OpenImages() { }

    /** Marks a window of a run (its preview, its loss plot) as not an input. */
    static void markRunWindow(ImagePlus imp) {
        imp.setProperty(RUN_WINDOW, "true");
    }

    /** The titles of the open images that {@code keep} accepts, in ImageJ's order, a run's own windows left out. */
    static List<String> titles(Predicate<ImagePlus> keep) {
        List<String> out = new ArrayList<>();
        for (int id : WindowManager.getIDList() == null ? new int[0] : WindowManager.getIDList()) {
            ImagePlus imp = WindowManager.getImage(id);
            if (imp != null && !"true".equals(imp.getProperty(RUN_WINDOW)) && keep.test(imp)) {
                out.add(imp.getTitle());
            }
        }
        return out;
    }
}
