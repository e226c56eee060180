package nst.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import nst.core.InputGradientNetwork;
import nst.core.FeatureNetwork;
import nst.testutil.TinyNetworks;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A style image read in tiles gives (nearly) the Gram matrices of the whole image. */
class StyleGramTilesTest {
    @Test
    void gramsFromTilesMatchTheWholeImage() {
        FeatureNetwork net = TinyNetworks.vgg19(3);
        InputGradientNetwork d = net.inputGradients().orElseThrow();
        BiFunction<INDArray, List<String>, Map<String, INDArray>> features = (image, layers) -> {
            Map<String, INDArray> out = new HashMap<>();
            d.forward(image, new LinkedHashSet<>(layers)).forEach((k, v) -> out.put(k, v.dup()));
            return out;
        };
        Nd4j.getRandom().setSeed(11);
        INDArray style = Nd4j.rand(DataType.FLOAT, 1, 3, 72, 80).muli(255);
        // layers whose receptive field (5 and 10 px) is small beside the 40 px tiles, as tile >= field requires
        List<String> layers = List.of("relu1_1", "relu2_1");
        Map<String, INDArray> whole = Targets.styleGrams(features, style, layers, 0);
        Map<String, INDArray> fits = Targets.styleGrams(features, style, layers, 80);
        Map<String, INDArray> tiled = Targets.styleGrams(features, style, layers, 40);
        for (String l : layers) {
            double norm = whole.get(l).norm2Number().doubleValue();
            assertEquals(0, fits.get(l).sub(whole.get(l)).norm2Number().doubleValue(), 1e-6 * norm, "a style that fits one tile is read whole");
            double rel = tiled.get(l).sub(whole.get(l)).norm2Number().doubleValue() / norm;
            assertTrue(rel < 0.08, l + ": Gram from 40 px tiles differs by " + rel);
            assertTrue(rel > 0, l + ": the style really was read in tiles");
        }
    }
}
