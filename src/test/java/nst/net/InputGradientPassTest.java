package nst.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import nst.core.InputGradientNetwork;
import nst.testutil.Fixtures;
import nst.net.onednn.OneDnn;
import nst.net.onednn.OneDnnConv;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The direct pass frees its arrays itself, and never the caller's. */
class InputGradientPassTest {

    @Test
    void aForwardPassWithoutBackwardIsFreedByTheNextPassButNotItsInput() {
        InputGradientNetwork pass = SqueezeNet.load(Fixtures.squeezeNetH5()).inputGradients().orElseThrow();
        INDArray image = Nd4j.rand(DataType.FLOAT, 1, 3, 67, 61).muli(255);
        Map<String, INDArray> first = pass.forward(image, Set.of("conv1", "fire3"));
        assertFalse(first.get("fire3").wasClosed());
        Map<String, INDArray> second = pass.forward(image, Set.of("fire3"));
        assertTrue(first.get("conv1").wasClosed() && first.get("fire3").wasClosed(), "the first pass's arrays were freed");
        assertFalse(image.wasClosed(), "the caller's image is left alone");
        assertFalse(second.get("fire3").wasClosed());
        INDArray grad = pass.backward(Map.of("fire3", second.get("fire3").like().assign(1)));
        assertTrue(second.get("fire3").wasClosed(), "the backward pass frees the forward pass's arrays");
        assertFalse(image.wasClosed());
        assertTrue(grad.amaxNumber().doubleValue() > 0);
        Map<String, INDArray> third = pass.forward(image, Set.of("fire3"));
        assertFalse(grad.wasClosed(), "the gradient belongs to the caller");
        assertTrue(OneDnn.scratchBytes() > 0 || !OneDnn.available(), "oneDNN ran the 3x3 expands");
        pass.close();
        assertTrue(third.get("fire3").wasClosed(), "closing frees the last pass's arrays");
        assertEquals(0, OneDnn.scratchBytes(), "and oneDNN's scratch buffers");
        assertFalse(image.wasClosed() || grad.wasClosed());
        assertTrue(pass.forward(image, Set.of("conv1")).get("conv1").amaxNumber().doubleValue() > 0, "a closed pass still runs");
        pass.close();
    }
}
