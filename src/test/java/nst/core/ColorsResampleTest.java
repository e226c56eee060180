package nst.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nst.testutil.TestImages;
import org.junit.jupiter.api.Test;

class ColorsResampleTest {
    @Test
    void resampleKeepsConstantsAndAverages() {
        float[] v = new float[3 * 10 * 8];
        java.util.Arrays.fill(v, 0.25f);
        RgbImage flat = new RgbImage(10, 8, v);
        RgbImage small = Resample.resize(flat, 3, 2);
        RgbImage big = Resample.resize(flat, 25, 17);
        for (float f : small.planarRgb()) {
            assertEquals(0.25f, f, 1e-6);
        }
        for (float f : big.planarRgb()) {
            assertEquals(0.25f, f, 1e-6);
        }
        // 2x2 -> 1x1 averages the four pixels
        RgbImage four = new RgbImage(2, 2, new float[] {0, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1});
        RgbImage one = Resample.resize(four, 1, 1);
        assertEquals(0.5f, one.get(0, 0, 0), 1e-6);
    }

    @Test
    void aFinerScaleStartsFromTheCoarseResultWithTheStartsDetail() {
        RgbImage fine = TestImages.pattern(24, 16, 4);
        RgbImage coarse = Resample.resize(fine, 12, 8);
        // a coarse scale that changed nothing gives back the fine start, detail and all
        assertArrayEquals(fine.planarRgb(), Resample.enlargeWithDetail(coarse, coarse, fine).planarRgb(), 1e-6f);
        // what the coarse scale changed is enlarged onto the fine start: here a uniform shift
        float[] shifted = coarse.planarRgb();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += 0.05f;
        }
        RgbImage out = Resample.enlargeWithDetail(new RgbImage(12, 8, shifted), coarse, fine);
        float[] f = fine.planarRgb();
        float[] o = out.planarRgb();
        for (int i = 0; i < o.length; i++) {
            assertEquals(Math.min(1, f[i] + 0.05f), o[i], 1e-5f, "value " + i);
        }
        // clamped to [0, 1]: a black result with a bright start's detail
        RgbImage black = new RgbImage(12, 8, new float[3 * 12 * 8]);
        for (float v : Resample.enlargeWithDetail(black, coarse, fine).planarRgb()) {
            assertTrue(v >= 0 && v <= 1, "in range: " + v);
        }
    }

    @Test
    void histogramMatchingTakesTheReferenceColours() {
        RgbImage style = TestImages.pattern(40, 30, 3);
        float[] red = new float[3 * 20 * 20];
        for (int i = 0; i < 400; i++) {
            red[i] = 0.9f;
            red[400 + i] = 0.1f + 0.001f * i;
            red[800 + i] = 0.2f;
        }
        RgbImage ref = new RgbImage(20, 20, red);
        RgbImage m = Colors.matchHistogram(style, ref);
        double[] mean = new double[3];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < 40; x++) {
                    mean[c] += m.get(c, x, y) / 1200.0;
                }
            }
        }
        assertEquals(0.9, mean[0], 0.01);
        assertEquals(0.2995, mean[1], 0.02);
        assertEquals(0.2, mean[2], 0.01);
    }

    @Test
    void originalColoursKeepChromaAndTakeLuminance() {
        RgbImage content = TestImages.pattern(8, 8, 1);
        float[] g = new float[3 * 64];
        java.util.Arrays.fill(g, 0.5f);
        RgbImage mid = new RgbImage(8, 8, g);
        RgbImage out = Colors.originalColors(mid, content);
        double[] cc = TestImages.chroma(content, 3, 4);
        double[] oc = TestImages.chroma(out, 3, 4);
        assertEquals(cc[0], oc[0], 0.02);
        assertEquals(cc[1], oc[1], 0.02);
        double y = 0.299 * out.get(0, 3, 4) + 0.587 * out.get(1, 3, 4) + 0.114 * out.get(2, 3, 4);
        assertEquals(0.5, y, 0.02);
    }
}
