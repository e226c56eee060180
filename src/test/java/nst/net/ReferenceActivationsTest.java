package nst.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nst.core.FeatureNetwork;
import nst.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Forward passes against the float64 reference activations in src/test/resources/nst/model (rel. error <= 1e-4). */
class ReferenceActivationsTest {

    @Test
    void squeezeNetFromKerasH5MatchesReference() throws Exception {
        FeatureNetwork net = SqueezeNet.load(Fixtures.squeezeNetH5());
        Map<String, INDArray> ref = Nd4j.createFromNpzFile(new File(Fixtures.resource("nst/net/squeezenet1.1/reference_activations_67x67.npz").toString()));
        Map<String, String> taps = new LinkedHashMap<>();
        taps.put("conv1", "conv1_relu");
        for (int i = 2; i <= 9; i++) {
            taps.put("fire" + i, "fire" + i + "_concat");
        }
        compare(net, ref.get("input_rgb_0_255"), ref, taps);
        // conv1 3x3/2, pool 3x3/2, fire2, fire3, pool, fire4, fire5, pool, fire6, fire7 (3x3 each)
        assertTrue(net.receptiveField(List.of("conv1", "fire7")) == 143 && net.receptiveField(List.of("fire5")) == 63,
                "receptive fields " + net.receptiveField(List.of("fire7")) + ", " + net.receptiveField(List.of("fire5")));
    }

    @Test
    void distilledVgg19MatchesReference() throws Exception {
        FeatureNetwork net = DistilledVgg19.load(Fixtures.resource("nst/net/vgg19-distilled-16x/cd_5SE_E20_oihw.npz"));
        Map<String, INDArray> ref = Nd4j.createFromNpzFile(new File(Fixtures.resource("nst/net/vgg19-distilled-16x/reference_activations_67x67.npz").toString()));
        Map<String, String> taps = new LinkedHashMap<>();
        for (int k = 1; k <= 5; k++) {
            taps.put("relu" + k + "_1", "relu" + k + "1");
            taps.put("aux" + k + "_1", "aux" + k + "1_relu");
        }
        taps.put("relu4_2", "relu42");
        compare(net, ref.get("input_rgb_0_1").mul(255.0), ref, taps);
    }

    private static void compare(FeatureNetwork net, INDArray chw, Map<String, INDArray> ref, Map<String, String> taps) {
        INDArray input = chw.castTo(DataType.FLOAT).reshape(1, chw.size(0), chw.size(1), chw.size(2));
        Map<String, INDArray> got = forward(net, input, List.copyOf(taps.keySet()));
        for (Map.Entry<String, String> e : taps.entrySet()) {
            INDArray r = ref.get(e.getValue()).castTo(DataType.DOUBLE);
            INDArray g = got.get(e.getKey()).castTo(DataType.DOUBLE);
            long[] expectShape = {1, r.size(0), r.size(1), r.size(2)};
            assertArrayEquals(expectShape, g.shape(), e.getKey() + " shape");
            assertArrayEquals(expectShape, new long[] {1, r.size(0), net.outputSide((int) input.size(2), e.getKey()),
                    net.outputSide((int) input.size(3), e.getKey())}, e.getKey() + " outputSide");
            double rel = g.reshape(r.shape()).sub(r).amaxNumber().doubleValue() / r.amaxNumber().doubleValue();
            assertTrue(rel <= 1e-4, e.getKey() + " relative error " + rel);
        }
    }

    static Map<String, INDArray> forward(FeatureNetwork net, INDArray input, List<String> layers) {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("in", input.dataType(), input.shape());
        Map<String, SDVariable> f = net.define(sd, in, layers);
        Map<String, INDArray> out = new LinkedHashMap<>();
        Map<String, INDArray> res = sd.output(Map.of("in", input), f.values().stream().map(SDVariable::name).toArray(String[]::new));
        f.forEach((k, v) -> out.put(k, res.get(v.name())));
        return out;
    }
}
