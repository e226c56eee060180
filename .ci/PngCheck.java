import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/** Exits non-zero unless the file is an image that decodes: {@code java .ci/PngCheck.java FILE}. */
public class PngCheck {
    public static void main(String[] args) throws Exception {
        BufferedImage img = ImageIO.read(new File(args[0]));
        if (img == null || img.getWidth() < 1 || img.getHeight() < 1) {
            System.err.println("FAIL: " + args[0] + " does not decode as an image");
            System.exit(1);
        }
        System.out.println("OK: " + args[0] + " decodes, " + img.getWidth() + "x" + img.getHeight());
    }
}
