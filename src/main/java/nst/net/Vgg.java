package nst.net;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nst.core.FeatureNetwork;
import nst.core.ModelFormatException;
import nst.core.NetworkDefaults;
import nst.core.StyleLayer;

/**
 * VGG16 / VGG19 convolution stacks up to conv5_1 from the Keras {@code vgg*_notop.h5} files
 * (layers {@code block{b}_conv{c}}, HWIO kernels). Input: BGR 0..255 minus (103.939, 116.779,
 * 123.68); 3x3 convolutions with zero padding 1 + ReLU; 2x2/s2 max-pooling between blocks.
 * Taps are named {@code relu{b}_{c}} (after the ReLU of {@code block{b}_conv{c}}). Channel widths
 * are read from the file.
 */
public final class Vgg {
    static final NetworkDefaults DEFAULTS = new NetworkDefaults("relu4_2",
            List.of(new StyleLayer("relu1_1", 1), new StyleLayer("relu2_1", 1), new StyleLayer("relu3_1", 1),
                    new StyleLayer("relu4_1", 1), new StyleLayer("relu5_1", 1)), 1.0, 1.0, 1e-3);

    private static final int[] VGG16 = {2, 2, 3, 3, 1};
    private static final int[] VGG19 = {2, 2, 4, 4, 1};

    private Vgg() { }

    /** @param depth 16 or 19 */
    public static FeatureNetwork load(Path h5, int depth) {
        KerasWeightFile f = KerasWeightFile.read(h5);
        return build(f, depth, h5.getFileName().toString());
    }

    static FeatureNetwork build(KerasWeightFile f, int depth, String source) {
        int[] blocks = depth == 19 ? VGG19 : VGG16;
        checkArchitecture(f, depth, source);
        Map<String, ConvWeights> w = f.convLayers();
        List<StageNetwork.Stage> s = new ArrayList<>();
        long channels = 3;
        for (int b = 1; b <= 5; b++) {
            if (b > 1) {
                s.add(new StageNetwork.Stage(null, n -> n / 2, StageNetwork.maxPool(2, 2)));
            }
            for (int c = 1; c <= blocks[b - 1]; c++) {
                String name = "block" + b + "_conv" + c;
                ConvWeights cw = b == 1 && c == 1 ? w.get(name).forRgbInput() : w.get(name);
                if (cw.kernelSize() != 3 || cw.inChannels() != channels) {
                    throw new ModelFormatException(source + ": layer " + name + " has a " + cw.kernelSize() + "x" + cw.kernelSize()
                            + " kernel on " + cw.inChannels() + " channels, expected 3x3 on " + channels + "; the file is not a VGG" + depth + ".");
                }
                channels = cw.outChannels();
                s.add(new StageNetwork.Stage("relu" + b + "_" + c, n -> n, StageNetwork.conv(cw, 1, 1, false, true), (int) cw.outChannels()));
            }
        }
        return new StageNetwork("vgg" + depth, StageNetwork.subtractMeanRgb(103.939, 116.779, 123.68), s, List.of(), DEFAULTS);
    }

    private static void checkArchitecture(KerasWeightFile f, int depth, String source) {
        Map<String, ConvWeights> w = f.convLayers();
        boolean has34 = w.containsKey("block3_conv4");
        boolean ok = w.containsKey("block1_conv1") && w.containsKey("block5_conv1") && (depth == 19) == has34
                && w.containsKey("block4_conv3");
        if (!ok) {
            throw new ModelFormatException(source + " is not a VGG" + depth + " weight file" + Architectures.describe(f)
                    + " Choose the model that matches the file.");
        }
    }
}
