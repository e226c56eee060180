package nst.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import nst.core.RgbImage;
import nst.testutil.TestImages;
import org.junit.jupiter.api.Test;

class ImagesTest {
    @Test
    void rgbRoundTripIsExactOn8BitValues() {
        ColorProcessor cp = new ColorProcessor(5, 4);
        for (int i = 0; i < 20; i++) {
            cp.set(i % 5, i / 5, (i * 12) << 16 | (255 - i) << 8 | (i * 7));
        }
        RgbImage rgb = Images.toRgb(new ImagePlus("c", cp));
        assertEquals(12 * 3 / 255f, rgb.get(0, 3, 0), 1e-7);
        ImagePlus back = Images.toImagePlus(rgb, "back");
        assertEquals(ImagePlus.COLOR_RGB, back.getType());
        for (int i = 0; i < 20; i++) {
            assertEquals(cp.get(i % 5, i / 5), back.getProcessor().get(i % 5, i / 5));
        }
    }

    @Test
    void sixteenBitGoesThroughTheDisplayRangeToGray() {
        ShortProcessor sp = new ShortProcessor(4, 4);
        sp.set(0, 0, 1000);
        sp.set(1, 0, 3000);
        sp.setMinAndMax(1000, 3000);
        RgbImage rgb = Images.toRgb(new ImagePlus("s", sp));
        for (int c = 0; c < 3; c++) {
            assertEquals(0f, rgb.get(c, 0, 0), 1e-6);
            assertEquals(1f, rgb.get(c, 1, 0), 1e-6);
        }
    }

    @Test
    void eightBitUsesItsLut() {
        ByteProcessor bp = new ByteProcessor(2, 2);
        bp.set(0, 0, 255);
        byte[] r = new byte[256];
        byte[] z = new byte[256];
        for (int i = 0; i < 256; i++) {
            r[i] = (byte) i;
        }
        bp.setColorModel(new java.awt.image.IndexColorModel(8, 256, r, z, z));
        RgbImage rgb = Images.toRgb(new ImagePlus("b", bp));
        assertEquals(1f, rgb.get(0, 0, 0), 1e-6);
        assertEquals(0f, rgb.get(1, 0, 0), 1e-6);
    }

    @Test
    void resizeKeepsTheAspectRatio() {
        ImageProcessor ip = Images.toImagePlus(TestImages.pattern(300, 200, 1), "p").getProcessor();
        ImageProcessor r = Images.resizeLongestSide(ip, 60);
        assertEquals(60, r.getWidth());
        assertEquals(40, r.getHeight());
        assertEquals(300, ip.getWidth(), "input untouched");
    }
}
