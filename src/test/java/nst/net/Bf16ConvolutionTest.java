package nst.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import nst.core.FeatureNetwork;
import nst.core.InputGradientNetwork;
import nst.core.Precision;
import nst.net.onednn.OneDnn;
import nst.testutil.Fixtures;
import nst.testutil.KerasH5Writer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * bfloat16 forward convolutions against float32 on the same network and image: where the CPU runs
 * bfloat16 natively, the taps and the input gradient agree within what bfloat16's 8-bit mantissa
 * allows (a relative 2^-9 per value, summed in float32) and are not the float32 ones; elsewhere
 * {@code precision=bf16} falls back to the float32 network itself. {@code auto} is the float32
 * network on every CPU.
 */
class Bf16ConvolutionTest {
    @TempDir
    Path tmp;

    /** ||a - b|| / ||b||. */
    private static double relative(INDArray a, INDArray b) {
        return a.sub(b).norm2Number().doubleValue() / b.norm2Number().doubleValue();
    }

    private static void compare(FeatureNetwork net, String tap) {
        FeatureNetwork fp32 = net.withPrecision(Precision.FP32);
        FeatureNetwork bf16 = net.withPrecision(Precision.BF16);
        assertSame(fp32, net, "a network's own precision is float32");
        assertSame(fp32, net.withPrecision(Precision.AUTO), "auto is float32");
        assertSame(fp32, bf16.withPrecision(Precision.AUTO), "auto is float32 from the bfloat16 sibling too");
        if (!OneDnn.bf16Native()) {
            assertSame(net, bf16, "without native bfloat16, bf16 runs the float32 network");
            assertEquals(Precision.FP32, bf16.precision());
            return;
        }
        assertEquals(Precision.BF16, bf16.precision());
        assertSame(bf16, net.withPrecision(Precision.BF16), "the bfloat16 network is made once");
        Nd4j.getRandom().setSeed(5);
        INDArray image = Nd4j.rand(DataType.FLOAT, 1, 3, 67, 61).muli(255);
        INDArray[] fp = pass(fp32, image, tap);
        INDArray[] bf = pass(bf16, image, tap);
        double taps = relative(bf[0], fp[0]);
        double grads = relative(bf[1], fp[1]);
        double cosine = bf[1].mul(fp[1]).sumNumber().doubleValue() / (bf[1].norm2Number().doubleValue() * fp[1].norm2Number().doubleValue());
        assertTrue(taps > 1e-5 && grads > 1e-5, "bfloat16 ran: " + taps + ", " + grads);
        assertTrue(taps < 0.02, tap + " differs by " + taps);
        // the forward pass's rounding (a relative 2^-9 per layer) adds up over the layers, and a few ReLUs
        // flip where a pre-activation is near 0: the gradient keeps its direction, not every value
        assertTrue(cosine > 0.97 && grads < 0.25, "the input gradient differs by " + grads + " (cosine " + cosine + ")");
    }

    /** The tap, and the input gradient of half its sum of squares. */
    private static INDArray[] pass(FeatureNetwork net, INDArray image, String tap) {
        try (InputGradientNetwork pass = net.inputGradients().orElseThrow()) {
            INDArray t = pass.forward(image, Set.of(tap)).get(tap).dup();
            return new INDArray[] {t, pass.backward(Map.of(tap, t.dup())).dup()};
        }
    }

    @Test
    void squeezeNetsRealWeights() {
        compare(SqueezeNet.load(Fixtures.squeezeNetH5()), "fire5");
    }

    @Test
    void aVgg19InKerasLayout() throws Exception {
        Path f = tmp.resolve("vgg19.h5");
        KerasH5Writer.write(f, KerasH5Writer.vgg(19, new int[] {16, 32, 32, 48, 48}), 3);
        compare(Networks.load("vgg19", f), "relu4_2");
    }
}
