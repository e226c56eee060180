package nst.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nst.core.FeatureNetwork;
import nst.testutil.KerasH5Writer;
import nst.testutil.Fixtures;
import nst.testutil.KerasH5Writer.Layout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The VGG path on generated files in both Keras layouts, checked against a plain-loop oracle. */
class VggFromKerasFileTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Layout.class)
    void vgg19LayersMatchLoopOracle(Layout layout) {
        Path f = tmp.resolve("vgg19_tiny.h5");
        List<KerasH5Writer.Conv> convs = KerasH5Writer.vgg(19, new int[] {3, 4, 4, 5, 5});
        KerasH5Writer.write(f, convs, 7, layout);
        KerasWeightFile file = KerasWeightFile.read(f);
        FeatureNetwork net = Vgg.load(f, 19);
        assertEquals("vgg19", net.id());
        assertEquals(List.of("relu1_1", "relu1_2", "relu2_1", "relu2_2", "relu3_1", "relu3_2", "relu3_3", "relu3_4",
                "relu4_1", "relu4_2", "relu4_3", "relu4_4", "relu5_1"), net.layers());

        INDArray img = Nd4j.rand(DataType.FLOAT, 1, 3, 19, 23).muli(255);
        Map<String, INDArray> got = ReferenceActivationsTest.forward(net, img, List.of("relu1_1", "relu2_1", "relu4_2", "relu5_1"));

        // oracle: plain loops over the same weights
        double[][][] x = Oracle.preprocessCaffe(img, 103.939, 116.779, 123.68);
        int conv = 0;
        String[] order = {"relu1_1", "relu1_2", "P", "relu2_1", "relu2_2", "P", "relu3_1", "relu3_2", "relu3_3", "relu3_4", "P",
            "relu4_1", "relu4_2", "relu4_3", "relu4_4", "P", "relu5_1"};
        for (String s : order) {
            if (s.equals("P")) {
                x = Oracle.maxPool(x, 2, 2);
                continue;
            }
            x = Oracle.convRelu(x, file.convLayers().get(convs.get(conv++).name()), 1, 1);
            if (got.containsKey(s)) {
                INDArray g = got.get(s);
                assertArrayEquals(new long[] {1, x.length, x[0].length, x[0][0].length}, g.shape(), s);
                assertTrue(Oracle.maxRelError(x, g) < 1e-4, s + " rel err " + Oracle.maxRelError(x, g));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void anotherArchitectureIsNamed(Layout layout) {
        nst.core.ModelFormatException e = org.junit.jupiter.api.Assertions.assertThrows(nst.core.ModelFormatException.class,
                () -> Vgg.load(Fixtures.squeezeNetH5(), 16));
        assertTrue(e.getMessage().contains("not a VGG16 weight file (it looks like a SqueezeNet)"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(nst.core.ModelFormatException.class, () -> Vgg.load(Fixtures.vgg19Keras1Tiny(), 16));
        assertTrue(e.getMessage().contains("not a VGG16 weight file (it looks like a VGG19)"), e.getMessage());
        Path f = tmp.resolve("vgg16.h5");
        KerasH5Writer.write(f, KerasH5Writer.vgg(16, new int[] {2, 2, 2, 2, 2}), 3, layout);
        e = org.junit.jupiter.api.Assertions.assertThrows(nst.core.ModelFormatException.class, () -> SqueezeNet.load(f));
        assertTrue(e.getMessage().contains("not a SqueezeNet 1.1 weight file (it looks like a VGG16)"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(nst.core.ModelFormatException.class, () -> Vgg.load(f, 19));
        assertTrue(e.getMessage().contains("not a VGG19 weight file (it looks like a VGG16)"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void vgg16HasNoConv34(Layout layout) {
        Path f = tmp.resolve("vgg16_tiny.h5");
        KerasH5Writer.write(f, KerasH5Writer.vgg(16, new int[] {2, 2, 2, 2, 2}), 3, layout);
        FeatureNetwork net = Vgg.load(f, 16);
        assertEquals("vgg16", net.id());
        assertTrue(!net.layers().contains("relu3_4") && net.layers().contains("relu4_3"));
        assertEquals(16, net.minInputSide(List.of("relu5_1")));
        assertEquals(1, net.outputSide(16, "relu5_1"));
    }
}
