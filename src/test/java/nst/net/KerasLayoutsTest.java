package nst.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import nst.core.CancellationToken;
import nst.core.FeatureNetwork;
import nst.core.ModelFormatException;
import nst.core.ProgressListener;
import nst.core.StyleParams;
import nst.testutil.Fixtures;
import nst.testutil.KerasH5Writer;
import nst.testutil.KerasH5Writer.Layout;
import nst.model.ModelInstaller;
import nst.model.ModelLocator;
import nst.model.ModelRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weight reader on both layouts Keras writes. The released VGG16/VGG19 files are Keras 1's
 * (layer facts and their sources: src/test/resources/nst/net/keras1/README.md); the SqueezeNet
 * file is Keras 2's.
 */
class KerasLayoutsTest {
    @TempDir
    Path tmp;

    /**
     * The h5py-written fixture, made as Keras 1's save_weights makes the released file: fixed-length
     * string attributes, input_1 and the pooling layers in layer_names with an empty (float64)
     * weight_names, datasets {@code <layer>_W_1:0} / {@code <layer>_b_1:0} in the layer's group.
     */
    @Test
    void theReleasedLayoutFixtureReadsAsWrittenByH5py() throws IOException {
        KerasWeightFile f = KerasWeightFile.read(Fixtures.vgg19Keras1Tiny());
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(Fixtures.resource("nst/net/keras1/vgg19_keras1_tiny_notop.sums.tsv"))) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t");
            expected.add(c[0]);
            ConvWeights w = f.convLayers().get(c[0]);
            assertTrue(w != null, "layer " + c[0] + " read: " + f.convLayers().keySet());
            long[] shape = java.util.Arrays.stream(c[1].split(",")).mapToLong(Long::parseLong).toArray();
            assertArrayEquals(shape, w.kernelHwio().shape(), c[0]);
            assertEquals(Double.parseDouble(c[2]), w.kernelHwio().sumNumber().doubleValue(), 1e-4, c[0] + " kernel sum");
            assertEquals(Double.parseDouble(c[3]), w.bias().sumNumber().doubleValue(), 1e-6, c[0] + " bias sum");
        }
        assertEquals(16, expected.size(), "VGG19 notop: 16 convolutions");
        assertEquals(expected, List.copyOf(f.convLayers().keySet()), "in file order");
        assertTrue(f.otherLayers().isEmpty(), "input_1 and the pools hold no weights: " + f.otherLayers());
        FeatureNetwork net = Networks.loadAny(Fixtures.vgg19Keras1Tiny());
        assertEquals("vgg19", net.id());
        assertEquals("vgg19", Networks.load("vgg19", Fixtures.vgg19Keras1Tiny()).id());
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 19})
    void bothLayoutsReadTheSameWeights(int depth) {
        Map<Layout, KerasWeightFile> read = new LinkedHashMap<>();
        for (Layout layout : Layout.values()) {
            Path f = tmp.resolve("vgg" + depth + "-" + layout + ".h5");
            KerasH5Writer.write(f, KerasH5Writer.vgg(depth, new int[] {3, 4, 5, 6, 6}), 11, layout);
            read.put(layout, KerasWeightFile.read(f));
            assertEquals("vgg" + depth, Networks.loadAny(f).id(), layout.toString());
        }
        Map<String, ConvWeights> k1 = read.get(Layout.KERAS1).convLayers();
        Map<String, ConvWeights> k2 = read.get(Layout.KERAS2).convLayers();
        assertEquals(depth == 19 ? 16 : 13, k1.size());
        assertEquals(k2.keySet(), k1.keySet());
        for (String layer : k1.keySet()) {
            assertEquals(k2.get(layer).kernelHwio(), k1.get(layer).kernelHwio(), layer);
            assertEquals(k2.get(layer).bias(), k1.get(layer).bias(), layer);
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void theMemoryEstimateIsTheSameForBothLayouts(Layout layout) {
        Path f = tmp.resolve("vgg19.h5");
        KerasH5Writer.write(f, KerasH5Writer.vgg(19, new int[] {8, 8, 8, 8, 8}), 2, layout);
        FeatureNetwork net = Vgg.load(f, 19);
        Path other = tmp.resolve("other.h5");
        KerasH5Writer.write(other, KerasH5Writer.vgg(19, new int[] {8, 8, 8, 8, 8}), 2,
                layout == Layout.KERAS1 ? Layout.KERAS2 : Layout.KERAS1);
        StyleParams p = StyleParams.defaults(net.defaults());
        double estimate = MemoryCheck.estimate(net, 256, 256, p);
        assertTrue(estimate > 0);
        assertEquals(MemoryCheck.estimate(Vgg.load(other, 19), 256, 256, p), estimate, 1e-6 * estimate);
    }

    /** Keras 1 names with and without the uniquing suffix and ":0", Theano's plain names, and unnamed params (by shape). */
    @ParameterizedTest
    @ValueSource(strings = {"block1_conv1_W:0,block1_conv1_b:0", "block1_conv1_W,block1_conv1_b", "param_0,param_1",
        "block1_conv1_b_1:0,block1_conv1_W_1:0", "block1_conv1/kernel:0,block1_conv1/bias:0"})
    void everyKerasNamingOfAKernelAndBiasIsRead(String names) {
        String[] n = names.split(",");
        boolean biasFirst = n[0].contains("_b");
        Map<String, Object> weights = new LinkedHashMap<>();
        float[][][][] kernel = new float[3][3][3][2];
        kernel[1][2][0][1] = 0.5f;
        float[] bias = {0.25f, -1f};
        weights.put(n[0], biasFirst ? bias : kernel);
        weights.put(n[1], biasFirst ? kernel : bias);
        Path f = oneLayer("block1_conv1", weights);
        ConvWeights w = KerasWeightFile.read(f).convLayers().get("block1_conv1");
        assertTrue(w != null, names);
        assertArrayEquals(new long[] {3, 3, 3, 2}, w.kernelHwio().shape());
        assertEquals(0.5f, w.kernelHwio().getFloat(1, 2, 0, 1));
        assertEquals(-1f, w.bias().getFloat(1));
    }

    @Test
    void aLayerHoldingSomethingElseIsNamed() {
        Map<String, Object> bn = new LinkedHashMap<>();
        for (String s : new String[] {"gamma:0", "beta:0", "moving_mean:0", "moving_variance:0"}) {
            bn.put("block1_conv1/" + s, new float[] {1, 2});
        }
        Path f = oneLayer("block1_conv1", bn);
        assertTrue(KerasWeightFile.read(f).convLayers().isEmpty());
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Vgg.load(f, 19));
        assertTrue(e.getMessage().contains("Layer block1_conv1 holds 4 arrays: ")
                && e.getMessage().contains("gamma:0 [2]") && e.getMessage().contains("not a convolution kernel"), e.getMessage());
    }

    @Test
    void aKernelInTheanoOrderIsExplained() {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("block1_conv1_W", new float[4][3][3][3]); // [out, in, kH, kW]
        w.put("block1_conv1_b", new float[4]);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasWeightFile.read(oneLayer("block1_conv1", w)));
        assertTrue(e.getMessage().contains("Theano") && e.getMessage().contains("tf_kernels"), e.getMessage());
    }

    @Test
    void namesThatContradictTheShapesAreRefused() {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("block1_conv1_b_1:0", new float[3][3][3][2]);
        w.put("block1_conv1_W_1:0", new float[2]);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasWeightFile.read(oneLayer("block1_conv1", w)));
        assertTrue(e.getMessage().contains("the other way round"), e.getMessage());
    }

    /**
     * A file in the released layout, registered under its MD5 in a registry of its own,
     * installs from a local file and then loads and runs: a file that passes the hash check also
     * parses.
     */
    @Test
    void theReleasedLayoutInstallsFromAFileAndRuns() throws Exception {
        Path download = tmp.resolve("vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5");
        KerasH5Writer.write(download, KerasH5Writer.vgg(19, new int[] {4, 4, 4, 4, 4}), 5, Layout.KERAS1);
        Properties p = new Properties();
        p.setProperty("models", "vgg19");
        p.setProperty("default", "vgg19");
        p.setProperty("vgg19.name", "VGG19 in the released layout");
        p.setProperty("vgg19.file", download.getFileName().toString());
        p.setProperty("vgg19.architecture", "vgg19");
        p.setProperty("vgg19.size", Long.toString(Files.size(download)));
        p.setProperty("vgg19.md5", java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(Files.readAllBytes(download)))); // as the registry has it: Keras publishes MD5s
        ModelRegistry registry = ModelRegistry.of(p);
        Path models = tmp.resolve("models");
        Path installed = new ModelInstaller(models).installFromFile(registry.get("vgg19"), download, ProgressListener.NONE);
        assertEquals(models.resolve(download.getFileName()), installed);
        FeatureNetwork net = Networks.load("vgg19", new ModelLocator(models).resolve("vgg19", registry, s -> false, s -> "", ProgressListener.NONE,
                CancellationToken.NEVER).file());
        assertEquals("vgg19", net.id());
        INDArray x = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 3, 20, 20).muli(255);
        INDArray relu5 = ReferenceActivationsTest.forward(net, x, List.of("relu5_1")).get("relu5_1");
        assertArrayEquals(new long[] {1, 4, 1, 1}, relu5.shape());
    }

    private Path oneLayer(String layer, Map<String, Object> weights) {
        Path f = tmp.resolve(layer + "-" + weights.hashCode() + ".h5");
        try (WritableHdfFile h5 = HdfFile.write(f)) {
            WritableGroup g = h5.putGroup(layer);
            g.putAttribute("weight_names", weights.keySet().toArray(new String[0]));
            for (Map.Entry<String, Object> e : weights.entrySet()) {
                String name = e.getKey();
                WritableGroup parent = g;
                if (name.contains("/")) {
                    parent = g.getChild(name.substring(0, name.indexOf('/'))) instanceof WritableGroup w ? w
                            : g.putGroup(name.substring(0, name.indexOf('/')));
                    name = name.substring(name.indexOf('/') + 1);
                }
                parent.putDataset(name, e.getValue());
            }
            h5.putAttribute("layer_names", new String[] {layer});
        }
        return f;
    }
}
