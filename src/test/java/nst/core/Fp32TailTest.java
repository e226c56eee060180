package nst.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nst.core.run.StyleTransferEngine;
import nst.testutil.ForwardingNetwork;
import nst.testutil.TestImages;
import nst.testutil.TinyNetworks;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A bfloat16 run evaluates the final scale's last {@link Precision#fp32TailIterations} iterations
 * with the float32 network, and its result and losses are the best of those. The networks here
 * stand in for the two precisions on any CPU: the "bfloat16" one halves every feature, so its
 * style losses (of a style-only run) are a sixteenth of float32's and would win any comparison
 * across the switch. Its backward pass scales the gradients back to float32's, as the real
 * precisions' gradients agree: L-BFGS carries its curvature pairs (all but the one that spans
 * the switch) into the float32 tail, and pairs of a sixteenth of the curvature would make its
 * first float32 steps 16 times too long.
 */
class Fp32TailTest {
    private static final int ITERATIONS = 60;

    /**
     * A network of the given precision that scales its features by {@code scale} and counts its
     * backward passes (one per evaluation). A style loss is quartic in the features, so its
     * gradient with respect to them is cubic: the backward pass divides by scale cubed.
     */
    private static final class Twin extends ForwardingNetwork {
        private final Precision precision;
        private final double scale;
        Twin other;
        int evaluations;

        Twin(Precision precision, double scale) {
            super(TinyNetworks.vgg19(3));
            this.precision = precision;
            this.scale = scale;
        }

        @Override public Precision precision() { return precision; }
        @Override public FeatureNetwork withPrecision(Precision p) { return (p == Precision.FP32) == (precision == Precision.FP32) ? this : other; }

        @Override
        protected Map<String, INDArray> forward(InputGradientNetwork d, INDArray x, Set<String> taps) {
            Map<String, INDArray> out = new HashMap<>();
            d.forward(x, taps).forEach((k, v) -> out.put(k, v.mul(scale)));
            return out;
        }

        @Override
        protected INDArray backward(InputGradientNetwork d, Map<String, INDArray> g) {
            evaluations++;
            Map<String, INDArray> scaled = new HashMap<>();
            g.forEach((k, v) -> scaled.put(k, v.div(scale * scale * scale)));
            return d.backward(scaled);
        }
    }

    private static Twin[] twins() {
        Twin fp32 = new Twin(Precision.FP32, 1);
        Twin bf16 = new Twin(Precision.BF16, 0.5);
        fp32.other = bf16;
        bf16.other = fp32;
        return new Twin[] {fp32, bf16};
    }

    private static StyleTransferResult run(FeatureNetwork net, Precision precision, double stopTolerance) {
        StyleParams p = StyleParams.defaults(net.defaults()).withLayers("relu3_1", StyleLayer.parseList("relu1_1,relu2_1,relu3_1"))
                .withWeights(0, 10, 0.01).toBuilder().iterations(ITERATIONS).scales(2).precision(precision).stopTolerance(stopTolerance).build();
        return new StyleTransferEngine(net).run(new StyleTransferRequest(TestImages.pattern(32, 24, 1),
                List.of(new StyleImage(TestImages.pattern(28, 28, 2), 1)), p, Optional.empty()), ProgressListener.NONE, CancellationToken.NEVER);
    }

    @Test
    void theFinalScaleEndsInFloat32() {
        Twin[] t = twins();
        StyleTransferResult r = run(t[0], Precision.BF16, 0);
        int tail = Precision.fp32TailIterations(ITERATIONS);
        int coarse = ITERATIONS / 4;
        assertEquals(15, tail);
        assertEquals(coarse + ITERATIONS, r.iterations());
        // each scale's loop, plus one evaluation of its last step
        assertEquals(coarse + 1 + ITERATIONS - tail, t[1].evaluations, "bfloat16: the coarse scale and the final scale's start");
        assertEquals(tail + 1, t[0].evaluations, "float32: the final scale's tail");
        List<Double> tailLosses = new ArrayList<>();
        r.losses().subList(r.iterations() - tail, r.iterations()).forEach(l -> tailLosses.add(l.total()));
        double before = r.losses().get(r.iterations() - tail - 1).total();
        assertTrue(tailLosses.get(0) > 3 * before, "float32's losses are the unhalved ones: " + before + " then " + tailLosses);
        double best = tailLosses.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        // (the tail lowers float32's loss to a few times the last bfloat16 one; a bfloat16 result would be below it)
        assertTrue(r.finalLosses().total() <= best && r.finalLosses().total() > before,
                "the result is the best of the float32 evaluations, not a bfloat16 one: " + r.finalLosses().total());
    }

    @Test
    void aFloat32RunHasNoTailAndTheStopRuleIgnoresTheSwitch() {
        Twin[] t = twins();
        run(t[0], Precision.FP32, 0);
        assertEquals(0, t[1].evaluations);
        assertEquals(ITERATIONS / 4 + 1 + ITERATIONS + 1, t[0].evaluations);
        // the switch raises the best loss many times over; a stop window reaching across it would stop the
        // run at once, at the tail's first iteration
        Twin[] u = twins();
        StyleTransferResult r = run(u[0], Precision.BF16, 1e-9);
        int tailFrom = ITERATIONS / 4 + ITERATIONS - Precision.fp32TailIterations(ITERATIONS);
        assertTrue(r.iterations() > tailFrom + StyleParams.STOP_WINDOW, "the stop rule's window starts afresh at the switch: " + r.iterations());
    }
}
