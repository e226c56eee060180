package nst.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import nst.core.DirectNetwork;
import nst.testutil.Shared;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The direct pass frees its arrays itself, and never the caller's. */
class DirectPassTest {

    @Test
    void aForwardPassWithoutBackwardIsFreedByTheNextPassButNotItsInput() {
        DirectNetwork pass = SqueezeNet.load(Shared.squeezeNetH5()).direct().orElseThrow();
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
        pass.forward(image, Set.of("conv1"));
        assertFalse(grad.wasClosed(), "the gradient belongs to the caller");
    }
}
