package nst.net;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nst.core.BadInputException;
import nst.core.FeatureNetwork;
import nst.core.StyleParams;
import nst.testutil.Fixtures;
import org.junit.jupiter.api.Test;

class MemoryCheckTest {
    @Test
    void estimateGrowsWithSizeAndMatchesTheMeasuredPeak() {
        FeatureNetwork sq = SqueezeNet.load(Fixtures.squeezeNetH5());
        StyleParams p = StyleParams.defaults(sq.defaults()).toBuilder().lbfgsHistory(4).build();
        double at512 = MemoryCheck.estimate(sq, 512, 512, p);
        // measured peak RSS at 512 px after 5 iterations: 0.64 GB; the estimate is above, not far
        assertTrue(at512 > 0.64e9 && at512 < 1.2e9, "estimate " + at512);
        assertTrue(MemoryCheck.estimate(sq, 1024, 1024, p) > 2.5 * at512, "the per-pixel part grows 4x");
    }

    @Test
    void tooLargeRunsAreRefusedWithASizeThatFits() {
        FeatureNetwork sq = SqueezeNet.load(Fixtures.squeezeNetH5());
        StyleParams p = StyleParams.defaults(sq.defaults());
        BadInputException e = assertThrows(BadInputException.class, () -> MemoryCheck.require(sq, 4096, 2048, p, 2e9));
        assertTrue(e.getMessage().contains("4096x2048") && e.getMessage().contains("GB are free"), e.getMessage());
        Matcher m = Pattern.compile("size=(\\d+)").matcher(e.getMessage());
        assertTrue(m.find(), e.getMessage());
        int side = Integer.parseInt(m.group(1));
        assertTrue(side > 100 && side < 4096, e.getMessage());
        assertTrue(MemoryCheck.estimate(sq, side, side / 2, p) <= 2e9, "the suggested size fits");
        MemoryCheck.require(sq, 256, 256, p, 2e9); // fits: no exception
        assertTrue(MemoryCheck.available() > 0);
        Matcher t = Pattern.compile("tile=(\\d+)").matcher(e.getMessage());
        assertTrue(t.find(), "a tile that fits is named too: " + e.getMessage());
        int tile = Integer.parseInt(t.group(1));
        StyleParams tiled = p.toBuilder().tile(tile).build();
        assertTrue(MemoryCheck.estimate(sq, 4096, 2048, tiled) <= 2e9, "the suggested tile fits");
        MemoryCheck.require(sq, 4096, 2048, tiled, 2e9); // the full size in tiles: no exception
    }

    /** The style's forward pass at its real size counts: style_scale=8 at 1024 px is refused with a size that fits. */
    @Test
    void aLargeStyleImageCountsAndTheSuggestedSizeFits() {
        FeatureNetwork sq = SqueezeNet.load(Fixtures.squeezeNetH5());
        StyleParams p = StyleParams.defaults(sq.defaults());
        long style = 8192L * 8192;
        double without = MemoryCheck.estimate(sq, 1024, 1024, p);
        double with = MemoryCheck.estimate(sq, 1024, 1024, style, p);
        assertTrue(with > without, with + " > " + without);
        BadInputException e = assertThrows(BadInputException.class, () -> MemoryCheck.require(sq, 1024, 1024, style, p, without + 1e8));
        Matcher m = Pattern.compile("size=(\\d+)").matcher(e.getMessage());
        assertTrue(m.find(), e.getMessage());
        int side = Integer.parseInt(m.group(1));
        double f = side / 1024.0;
        assertTrue(side < 1024 && MemoryCheck.estimate(sq, side, side, (long) (style * f * f), p) <= without + 1e8,
                "the suggested size fits: " + e.getMessage());
    }

    @Test
    void whenTheFixedPartDoesNotFitTheMessageSaysSo() {
        FeatureNetwork sq = SqueezeNet.load(Fixtures.squeezeNetH5());
        BadInputException e = assertThrows(BadInputException.class,
                () -> MemoryCheck.require(sq, 64, 64, StyleParams.defaults(sq.defaults()), 0.2e9));
        assertTrue(e.getMessage().contains("The fixed part of any run") && !e.getMessage().contains("size="), e.getMessage());
    }

    @Test
    void lbfgsHistoryShrinksToFitBeforeARunIsRefused() {
        FeatureNetwork sq = SqueezeNet.load(Fixtures.squeezeNetH5());
        StyleParams p = StyleParams.defaults(sq.defaults());
        double full = MemoryCheck.estimate(sq, 1024, 1024, p);
        double noHistory = MemoryCheck.estimate(sq, 1024, 1024, p.toBuilder().lbfgsHistory(1).build());
        double available = noHistory + 0.5 * (full - noHistory);
        java.util.List<String> notes = new java.util.ArrayList<>();
        StyleParams fitted = MemoryCheck.fit(sq, 1024, 1024, p, available, notes::add);
        int pairs = p.lbfgsHistory();
        assertTrue(fitted.lbfgsHistory() >= 0.45 * pairs && fitted.lbfgsHistory() < 0.55 * pairs, "about half the pairs: " + fitted.lbfgsHistory());
        assertTrue(MemoryCheck.estimate(sq, 1024, 1024, fitted) <= available, "the fitted run fits");
        assertTrue(notes.size() == 1 && notes.get(0).contains(fitted.lbfgsHistory() + " instead of " + pairs), notes.toString());
        assertTrue(MemoryCheck.fit(sq, 1024, 1024, p, full + 1, notes::add) == p, "a run that fits is unchanged");
        assertThrows(nst.core.TooLargeException.class, () -> MemoryCheck.fit(sq, 1024, 1024, p, noHistory, s -> { }),
                "fewer than " + MemoryCheck.MIN_LBFGS_HISTORY + " pairs: refused");
    }

    @Test
    void memoryLimitCapsTheFreeMemory() {
        String old = System.getProperty("nst.memoryLimit");
        try {
            System.setProperty("nst.memoryLimit", "1.5g");
            assertTrue(MemoryCheck.available() <= 1.5e9);
            System.setProperty("nst.memoryLimit", "lots");
            BadInputException e = assertThrows(BadInputException.class, MemoryCheck::available);
            assertTrue(e.getMessage().contains("nst.memoryLimit"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty("nst.memoryLimit");
            } else {
                System.setProperty("nst.memoryLimit", old);
            }
        }
    }
}
