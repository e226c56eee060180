package nst.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StyleParamsTest {
    private static final StyleParams P = StyleParams.defaults(new NetworkDefaults("c", List.of(new StyleLayer("a", 1)), 1, 1, 1));

    @Test
    void invalidValuesNameTheKey() {
        assertTrue(assertThrows(BadInputException.class, () -> P.withWeights(Double.NaN, 1, 1)).getMessage().startsWith("content_weight"));
        assertTrue(assertThrows(BadInputException.class, () -> P.withWeights(1, -1, 1)).getMessage().startsWith("style_weight"));
        assertTrue(assertThrows(BadInputException.class, () -> P.withWeights(1, 1, Double.POSITIVE_INFINITY)).getMessage().startsWith("tv_weight"));
        assertTrue(assertThrows(BadInputException.class, () -> P.withIterations(0)).getMessage().startsWith("iterations"));
        assertTrue(assertThrows(BadInputException.class, () -> P.withOptimizer(Optimizer.ADAM, -2)).getMessage().startsWith("learning_rate"));
        assertThrows(BadInputException.class, () -> P.withWeights(0, 0, 0));
        assertThrows(BadInputException.class, () -> P.withLayers("c", List.of(new StyleLayer("a", 0))));
        assertThrows(BadInputException.class, () -> new StyleLayer("a", -1));
        assertThrows(BadInputException.class, () -> P.toBuilder().lbfgsHistory(0).build());
        assertTrue(assertThrows(BadInputException.class, () -> P.toBuilder().lbfgsHistory(1001).build()).getMessage().contains("between 1 and 1000"));
        assertEquals(1000, P.toBuilder().lbfgsHistory(1000).build().lbfgsHistory());
    }

    @Test
    void styleLayerListsRoundTrip() {
        List<StyleLayer> l = StyleLayer.parseList("conv1, fire2:0.5 ,fire3");
        assertEquals(List.of(new StyleLayer("conv1", 1), new StyleLayer("fire2", 0.5), new StyleLayer("fire3", 1)), l);
        assertEquals("conv1,fire2:0.5,fire3", StyleLayer.format(l));
        assertThrows(BadInputException.class, () -> StyleLayer.parseList("fire2:x"));
    }

    @Test
    void enumsParseTheirKeys() {
        assertEquals(Optimizer.ADAM, Optimizer.parse("Adam"));
        assertEquals(Init.NOISE, Init.parse("noise"));
        assertEquals("Unknown optimizer 'sgd'; use lbfgs or adam.", assertThrows(BadInputException.class, () -> Optimizer.parse("sgd")).getMessage());
        assertEquals("Unknown init 'x'; use content, noise or image.", assertThrows(BadInputException.class, () -> Init.parse("x")).getMessage());
        assertEquals(ColorMode.ORIGINAL, ColorMode.parse(" Original "));
        assertEquals(Pooling.AVG, Pooling.parse("avg"));
    }

    @Test
    void theTemporalWeightDefaultsToThreeTimesTheStyleWeight() {
        assertEquals(0.9, new ParamValues(java.util.Map.of()).temporalWeight(0.3), 1e-12);
        assertEquals(2.0, new ParamValues(java.util.Map.of(ParamSpec.TEMPORAL_WEIGHT, "2")).temporalWeight(0.3), 1e-12);
        assertThrows(BadInputException.class, () -> new ParamValues(java.util.Map.of(ParamSpec.TEMPORAL_WEIGHT, "-1")).temporalWeight(0.3));
    }
}
