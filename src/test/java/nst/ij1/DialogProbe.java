package nst.ij1;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.GenericDialog;
import java.awt.EventQueue;
import java.awt.Rectangle;
import java.awt.Window;
import java.util.concurrent.atomic.AtomicReference;
import nst.convert.Images;
import nst.testutil.TestImages;

/**
 * Run on a display (DialogSizeTest starts it under xvfb-run): shows the dialog's main page for
 * a stack, then its Advanced page, as the plugin shows them, and prints each page's bounds and
 * the screen's size. With a folder as argument it also writes each page's screenshot there
 * (scripts/gui_screenshots.sh uses them for the README).
 */
public final class DialogProbe {
    private DialogProbe() { }

    public static void main(String[] args) throws Exception {
        ImageStack stack = new ImageStack(40, 30);
        for (int i = 1; i <= 4; i++) {
            stack.addSlice(Images.toImagePlus(TestImages.pattern(40, 30, i), "").getProcessor());
        }
        ImagePlus content = new ImagePlus("a stack with a rather long title, as microscopes write them.tif", stack);
        Images.toImagePlus(TestImages.pattern(30, 30, 9), "a style image with a long title too.png").show();
        java.awt.Dimension screen = java.awt.Toolkit.getDefaultToolkit().getScreenSize();
        System.out.println("screen " + screen.width + "x" + screen.height);
        java.nio.file.Path shots = args.length > 0 ? java.nio.file.Path.of(args[0]) : null;
        GenericDialog main = StyleDialogPages.main(content, StyleDialog::last);
        System.out.println("size field " + ((java.awt.TextField) main.getNumericFields().get(0)).getText());
        System.out.println("main " + bounds(main, shots, "dialog_main.png"));
        System.out.println("advanced " + bounds(StyleDialogPages.advanced(StyleDialog::last), shots, "dialog_advanced.png"));
        System.exit(0);
    }

    /** Shows the (modal) dialog from another thread, waits until it is on screen, measures and closes it. */
    private static String bounds(GenericDialog gd, java.nio.file.Path shots, String name) throws Exception {
        Thread t = new Thread(gd::showDialog);
        t.start();
        AtomicReference<Rectangle> r = new AtomicReference<>();
        for (int i = 0; i < 200 && r.get() == null; i++) {
            Thread.sleep(100);
            EventQueue.invokeAndWait(() -> {
                if (gd.isShowing()) {
                    r.set(gd.getBounds());
                }
            });
        }
        if (shots != null && r.get() != null) {
            Thread.sleep(500);
            javax.imageio.ImageIO.write(new java.awt.Robot().createScreenCapture(r.get()), "png", shots.resolve(name).toFile());
        }
        EventQueue.invokeAndWait(gd::dispose);
        t.join(5000);
        Rectangle b = r.get();
        return b == null ? "none" : b.x + " " + b.y + " " + b.width + " " + b.height;
    }
}
