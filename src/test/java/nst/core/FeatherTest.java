package nst.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The feather band: a smooth blend, even when narrow, and exactly 0 beyond its width. */
class FeatherTest {
    @Test
    void theBandBlendsAndEndsAtItsWidth() {
        for (int feather : new int[] {2, 3, 4, 9}) {
            int[] v = new int[40];
            for (int x = 0; x < 20; x++) {
                v[x] = 1; // a region on the left half of a 40 x 1 image
            }
            float[] a = new LabelImage(40, 1, v).featheredForeground(feather);
            assertEquals(0f, a[19 + feather + 1], "0 beyond the band, feather " + feather);
            boolean between = false;
            for (int x = 19; x <= 19 + feather; x++) {
                between |= a[x] > 0 && a[x] < 1;
            }
            assertTrue(between, "a blend in the band, feather " + feather);
            assertEquals(1f, a[5], 1e-6, "inside stays styled, feather " + feather);
        }
    }
}
