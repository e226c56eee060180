package nst.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import nst.core.run.StyleTransferEngine;
import nst.testutil.TestImages;
import nst.testutil.TinyNetworks;
import org.junit.jupiter.api.Test;

/** stop_tolerance ends a scale once its best loss stops falling by the given fraction per iteration. */
class EarlyStopTest {
    private static StyleTransferResult run(StyleParams p) {
        FeatureNetwork net = TinyNetworks.vgg19(3);
        return new StyleTransferEngine(net).run(new StyleTransferRequest(TestImages.pattern(32, 24, 1),
                List.of(new StyleImage(TestImages.pattern(28, 28, 2), 1)), p, Optional.empty()), ProgressListener.NONE, CancellationToken.NEVER);
    }

    private static StyleParams params(int scales, double tolerance) {
        FeatureNetwork net = TinyNetworks.vgg19(3);
        return StyleParams.defaults(net.defaults()).withLayers("relu3_1", StyleLayer.parseList("relu1_1,relu2_1,relu3_1"))
                .withWeights(1, 10, 0.01).toBuilder().iterations(60).scales(scales).stopTolerance(tolerance).build();
    }

    /** The best loss after each iteration. */
    private static double[] best(List<Losses> history) {
        double[] b = new double[history.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = Math.min(i == 0 ? Double.MAX_VALUE : b[i - 1], history.get(i).total());
        }
        return b;
    }

    @Test
    void aScaleStopsOnceItsLossFallsByLessThanTheTolerance() {
        StyleTransferResult all = run(params(1, 0));
        assertEquals(60, all.iterations(), "0 runs every iteration");
        // a tolerance just above the full run's gain per iteration over iterations 31-40
        double[] b = best(all.losses());
        double tolerance = (b[29] - b[39]) / b[29] / StyleParams.STOP_WINDOW * 1.01;
        StyleTransferResult early = run(params(1, tolerance));
        int n = early.iterations();
        assertTrue(n > StyleParams.STOP_WINDOW && n <= 40, "stopped after " + n);
        double[] e = best(early.losses());
        int w = StyleParams.STOP_WINDOW;
        assertTrue((e[n - 1 - w] - e[n - 1]) / e[n - 1 - w] < tolerance * w, "the last window gained less than the tolerance");
        assertEquals(e[n - 1], early.finalLosses().total(), 1e-9 * e[n - 1], "the result is the best image evaluated");
        assertEquals(all.losses().subList(0, n), early.losses(), "until it stops, the same iterations as a full run");
    }

    @Test
    void eachScaleJudgesItsOwnLosses() {
        // any gain is below a tolerance of 0.5 per iteration: each scale stops at its first chance, after
        // STOP_WINDOW + 1 iterations; the final scale's window starts afresh, not from the coarse scale's losses
        assertEquals(2 * (StyleParams.STOP_WINDOW + 1), run(params(2, 0.5)).iterations());
    }

    @Test
    void theToleranceIsAFraction() {
        assertThrows(BadInputException.class, () -> params(1, -0.1));
        assertThrows(BadInputException.class, () -> params(1, 1));
        assertThrows(BadInputException.class, () -> new ParamValues(Map.of(ParamSpec.STOP_TOLERANCE, "x")).validate());
    }
}
