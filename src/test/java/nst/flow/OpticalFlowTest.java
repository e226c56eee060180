package nst.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nst.core.FlowField;
import nst.core.RgbImage;
import nst.core.Warp;
import org.junit.jupiter.api.Test;

/** The BoofCV adapter and the warping checks on frames made by moving a known amount. */
class OpticalFlowTest {
    /** A smooth, textured scene seen with its top left corner at (ox, oy); a square at (sx, sy) of side s in a flat colour when s > 0. */
    static RgbImage scene(int w, int h, double ox, double oy, int sx, int sy, int s) {
        float[] v = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double X = x + ox;
                double Y = y + oy;
                boolean square = s > 0 && x >= sx && x < sx + s && y >= sy && y < sy + s;
                double a = 0.5 + 0.25 * Math.sin(X * 0.35) * Math.cos(Y * 0.28) + 0.15 * Math.sin((X + 2 * Y) * 0.13);
                double b = 0.5 + 0.3 * Math.cos(X * 0.21 - Y * 0.17);
                v[y * w + x] = (float) (square ? 0.95 : a);
                v[w * h + y * w + x] = (float) (square ? 0.1 : b);
                v[2 * w * h + y * w + x] = (float) (square ? 0.1 : 0.5 + 0.2 * Math.sin(Y * 0.4));
            }
        }
        return new RgbImage(w, h, v);
    }

    @Test
    void aKnownShiftIsRecoveredAndWarpingReproducesTheNextFrame() {
        RgbImage first = scene(64, 48, 0, 0, 0, 0, 0);
        RgbImage next = scene(64, 48, 3, 2, 0, 0, 0); // the scene moved 3 px left and 2 px up
        FlowField back = OpticalFlow.between(next, first);
        double du = 0;
        double dv = 0;
        int n = 0;
        for (int y = 10; y < 38; y++) {
            for (int x = 10; x < 54; x++) {
                assertEquals(3, back.u(x, y), 0.5, "u at " + x + "," + y);
                assertEquals(2, back.v(x, y), 0.5, "v at " + x + "," + y);
                du += back.u(x, y);
                dv += back.v(x, y);
                n++;
            }
        }
        assertEquals(3, du / n, 0.2);
        assertEquals(2, dv / n, 0.2);
        RgbImage warped = Warp.warp(first, back);
        float[] c = new float[64 * 48];
        for (int y = 8; y < 40; y++) {
            for (int x = 8; x < 56; x++) {
                c[y * 64 + x] = 1;
            }
        }
        assertTrue(Warp.flicker(next, warped, c) < 2.0, "warped first frame = next frame in the interior: " + Warp.flicker(next, warped, c));
        assertTrue(Warp.flicker(next, first, c) > 10, "unwarped it is not: " + Warp.flicker(next, first, c));
    }

    /** A square that appears in the next frame over a static background: the consistency check marks it (disoccluded/new), not the rest. */
    @Test
    void theOcclusionMaskMarksWhatAppears() {
        RgbImage first = scene(64, 48, 0, 0, 0, 0, 0);
        RgbImage next = scene(64, 48, 0, 0, 24, 16, 14);
        float[] c = Warp.consistency(OpticalFlow.between(next, first), OpticalFlow.between(first, next));
        int markedInSquare = 0;
        int markedFarOutside = 0;
        int far = 0;
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                boolean inSquare = x >= 27 && x < 35 && y >= 19 && y < 27;
                boolean farOut = x < 14 || x >= 48 || y < 6 || y >= 40;
                if (inSquare && c[y * 64 + x] == 0) {
                    markedInSquare++;
                }
                if (farOut) {
                    far++;
                    markedFarOutside += c[y * 64 + x] == 0 ? 1 : 0;
                }
            }
        }
        assertTrue(markedInSquare > 0.5 * 64, "the square's centre is marked: " + markedInSquare + " of 64");
        assertTrue(markedFarOutside < 0.1 * far, "the still background mostly is not (the flow is smoothed around the square): " + markedFarOutside + " of " + far);
    }
}
