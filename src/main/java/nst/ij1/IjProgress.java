package nst.ij1;

import ij.IJ;
import ij.ImagePlus;
import java.util.Locale;
import nst.convert.Images;
import nst.core.Progress;
import nst.core.ProgressListener;
import nst.core.RgbImage;

/** Engine progress on ImageJ's progress bar and status line, and an optional preview window. */
final class IjProgress implements ProgressListener {
    private volatile String prefix;
    private final boolean preview;
    private ImagePlus previewImage;

    IjProgress(String prefix, boolean preview) {
        this.prefix = prefix;
        this.preview = preview;
    }

    @Override
    public void onStatus(String message) {
        IJ.showStatus(prefix + message + "...");
    }

    @Override
    public void onIteration(Progress p) {
        IJ.showProgress(p.iteration(), p.total());
        IJ.showStatus(String.format(Locale.ROOT, "%s%s  loss %.4g  %s left  (Esc cancels)", prefix, p.where(),
                p.losses().total(), Progress.minutesSeconds(p.etaSeconds())));
    }

    @Override
    public void onTransfer(String what, long done, long total, double bytesPerSecond) {
        if (total > 0) {
            IJ.showProgress((double) done / total);
        }
        String eta = total > 0 && bytesPerSecond > 0 ? ", " + Progress.minutesSeconds((total - done) / bytesPerSecond) + " left" : "";
        IJ.showStatus(String.format(Locale.ROOT, "%s: %.1f of %.1f MB, %.2f MB/s%s (Esc cancels)", what, done / 1e6,
                total / 1e6, bytesPerSecond / 1e6, eta));
    }

    @Override
    public void onPreview(RgbImage image, int iteration) {
        if (!preview) {
            return;
        }
        ImagePlus next = Images.toImagePlus(image, "Style transfer preview (iteration " + iteration + ")");
        if (previewImage == null || previewImage.getWindow() == null) {
            previewImage = next;
            OpenImages.markRunWindow(previewImage);
            previewImage.show();
        } else {
            previewImage.setProcessor(next.getProcessor());
            previewImage.setTitle(next.getTitle());
        }
    }

    /** What the status line starts with from now on (a sequence's "frame k/n"); the preview window stays the same. */
    void prefix(String p) {
        prefix = p;
    }

    /** Closes the preview window, if one was opened. */
    void close() {
        if (previewImage != null) {
            previewImage.changes = false;
            previewImage.close();
        }
        IJ.showProgress(1.0);
    }

}
