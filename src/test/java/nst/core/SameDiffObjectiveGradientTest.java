package nst.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nst.core.loss.SameDiffObjective;
import nst.testutil.TinyNetworks;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** d(total)/d(image) from the graph against central finite differences, in double precision. */
class SameDiffObjectiveGradientTest {

    @Test
    void inputGradientMatchesFiniteDifferences() {
        FeatureNetwork net = TinyNetworks.vgg19(11);
        StyleParams p = StyleParams.defaults(net.defaults())
                .withLayers("relu2_2", StyleLayer.parseList("relu1_1,relu2_1:2,relu3_1"))
                .withWeights(1.0, 5.0, 0.5);
        Nd4j.getRandom().setSeed(1);
        INDArray content = Nd4j.rand(DataType.DOUBLE, 1, 3, 12, 10).muli(255);
        INDArray style = Nd4j.rand(DataType.DOUBLE, 1, 3, 9, 14).muli(255);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 3, 12, 10).muli(255);
        SameDiffObjective obj = new SameDiffObjective(net, content, List.of(style), new double[] {1}, p);
        nst.core.loss.Objective.Evaluation e = obj.evaluate(x);
        INDArray g = e.gradient().dup();
        Losses l = e.losses();
        assertEquals(l.content() + l.style() + l.tv(), l.total(), 1e-9 * Math.abs(l.total()));
        assertTrue(l.content() > 0 && l.style() > 0 && l.tv() > 0);

        double eps = 1e-3;
        int[][] pixels = {{0, 0, 0}, {1, 5, 4}, {2, 11, 9}, {0, 7, 2}, {1, 3, 8}, {2, 6, 6}};
        for (int[] px : pixels) {
            INDArray xp = x.dup();
            xp.putScalar(new long[] {0, px[0], px[1], px[2]}, x.getDouble(0, px[0], px[1], px[2]) + eps);
            INDArray xm = x.dup();
            xm.putScalar(new long[] {0, px[0], px[1], px[2]}, x.getDouble(0, px[0], px[1], px[2]) - eps);
            double fd = (obj.evaluate(xp).losses().total() - obj.evaluate(xm).losses().total()) / (2 * eps);
            double an = g.getDouble(0, px[0], px[1], px[2]);
            assertEquals(fd, an, 1e-5 * Math.max(1, Math.abs(fd)), "pixel " + java.util.Arrays.toString(px));
        }
    }

    @Test
    void lossTermsFollowTheStatedFormulas() {
        FeatureNetwork net = TinyNetworks.vgg19(5);
        // content only: x == content gives 0; tv only: known closed form
        INDArray content = Nd4j.rand(DataType.DOUBLE, 1, 3, 8, 8).muli(255);
        StyleParams contentOnly = StyleParams.defaults(net.defaults()).withWeights(3, 0, 0).withLayers("relu1_2", List.of());
        assertEquals(0, new SameDiffObjective(net, content, List.of(content), new double[] {1}, contentOnly).evaluate(content).losses().total(), 1e-9);

        StyleParams tvOnly = contentOnly.withWeights(0, 0, 2);
        INDArray ramp = Nd4j.zeros(DataType.DOUBLE, 1, 3, 8, 8);
        for (int x = 0; x < 8; x++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 8; y++) {
                    ramp.putScalar(new long[] {0, c, y, x}, 10.0 * x);
                }
            }
        }
        // horizontal differences: 3 channels * 8 rows * 7 steps of 10^2; vertical: 0; / (3*8*8)
        double expected = 2 * (3 * 8 * 7 * 100.0) / (3 * 8 * 8);
        assertEquals(expected, new SameDiffObjective(net, content, List.of(content), new double[] {1}, tvOnly).evaluate(ramp).losses().tv(), 1e-9);

        // style: x == style image with a single layer gives 0; a different image gives > 0
        StyleParams styleOnly = contentOnly.withWeights(3, 0, 0).withLayers("relu1_2", StyleLayer.parseList("relu1_1")).withWeights(0, 1, 0);
        assertEquals(0, new SameDiffObjective(net, content, List.of(content), new double[] {1}, styleOnly).evaluate(content).losses().style(), 1e-9);
        assertTrue(new SameDiffObjective(net, content, List.of(content), new double[] {1}, styleOnly).evaluate(ramp).losses().style() > 0);
    }
}
