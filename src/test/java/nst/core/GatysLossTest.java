package nst.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nst.core.loss.GatysLoss;
import nst.core.loss.SameDiffObjective;
import nst.net.DistilledVgg19;
import nst.net.SqueezeNet;
import nst.testutil.Fixtures;
import nst.testutil.TinyNetworks;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The hand-written input-only backward pass gives the SameDiff graph's losses and gradient. */
class GatysLossTest {

    private static void compare(FeatureNetwork net, StyleParams p, int h, int w) {
        Nd4j.getRandom().setSeed(3);
        INDArray content = Nd4j.rand(DataType.FLOAT, 1, 3, h, w).muli(255);
        INDArray style = Nd4j.rand(DataType.FLOAT, 1, 3, h + 5, w - 3).muli(255);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, h, w).muli(255);
        nst.core.loss.Objective.Evaluation graph = new SameDiffObjective(net, content, List.of(style), new double[] {1}, p).evaluate(x);
        int workspaces = evaluationWorkspaces();
        GatysLoss direct = new GatysLoss(net, net.inputGradients().orElseThrow(), content, List.of(style), new double[] {1}, p);
        INDArray first = null;
        INDArray firstValues = null;
        // the second evaluation runs in the memory block the first one measured
        for (int repeat = 0; repeat < 2; repeat++) {
            nst.core.loss.Objective.Evaluation d = direct.evaluate(x);
            assertFalse(d.gradient().isAttached(), "the gradient is not in the memory the next evaluation reuses");
            if (first == null) {
                first = d.gradient();
                firstValues = first.dup();
            }
            assertEquals(graph.losses().content(), d.losses().content(), 1e-4 * Math.abs(graph.losses().content()) + 1e-6);
            assertEquals(graph.losses().style(), d.losses().style(), 1e-4 * Math.abs(graph.losses().style()) + 1e-6);
            assertEquals(graph.losses().tv(), d.losses().tv(), 1e-4 * Math.abs(graph.losses().tv()) + 1e-6);
            double scale = graph.gradient().amaxNumber().doubleValue();
            double err = d.gradient().sub(graph.gradient()).amaxNumber().doubleValue() / scale;
            assertTrue(err < 1e-3, "gradient relative error " + err);
        }
        assertEquals(firstValues, first, "the first gradient is unchanged by the second evaluation");
        assertEquals(workspaces + 1, evaluationWorkspaces());
        direct.close();
        assertEquals(workspaces, evaluationWorkspaces(), "close() frees the evaluations' memory");
    }

    /** The evaluation memory blocks (ND4J workspaces) on this thread. */
    static int evaluationWorkspaces() {
        return (int) Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread().stream()
                .filter(w -> w.getId().startsWith("nst-evaluation-")).count();
    }

    @Test
    void tinyVgg19MaxAndAveragePooling() {
        FeatureNetwork net = TinyNetworks.vgg19(4);
        StyleParams p = StyleParams.defaults(net.defaults()).withLayers("relu4_2", StyleLayer.parseList("relu1_1,relu2_1:2,relu3_1,relu4_2,relu5_1"))
                .withWeights(1, 50, 0.5);
        compare(net, p, 34, 29);
        compare(net.withPooling(Pooling.AVG), p, 34, 29);
    }

    @Test
    void squeezeNetWithItsRealWeights() {
        FeatureNetwork net = SqueezeNet.load(Fixtures.squeezeNetH5());
        compare(net, StyleParams.defaults(net.defaults()), 67, 61);
    }

    @Test
    void reflectionPaddedNetworksFallBackToTheGraph() {
        assertTrue(DistilledVgg19.load(Fixtures.resource("nst/net/vgg19-distilled-16x/cd_5SE_E20_oihw.npz")).inputGradients().isEmpty());
        assertTrue(TinyNetworks.vgg19(1).inputGradients().isPresent());
    }
}
