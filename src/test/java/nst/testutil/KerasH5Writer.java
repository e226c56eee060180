package nst.testutil;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes Keras HDF5 weight files with seeded He-normal weights (HWIO float32 kernels, float32
 * biases), so the real loading path can be tested on VGG-shaped networks of any width, in either
 * of the two layouts Keras writes (see {@link Layout}). The layout facts and their sources are in
 * {@code src/test/resources/nst/net/keras1/README.md}.
 */
public final class KerasH5Writer {
    private KerasH5Writer() { }

    /** A convolution to write: Keras layer name, kernel size, in and out channels. */
    public record Conv(String name, int k, int in, int out) { }

    /** The two layouts of Keras' {@code save_weights}. */
    public enum Layout {
        /**
         * Keras 1, as in the released {@code vgg16/vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5}:
         * root {@code layer_names} lists every layer ({@code input_1}, the convolutions and the
         * {@code blockB_pool} layers); each weighted layer's group holds its datasets directly,
         * {@code <layer>_W_1:0} and {@code <layer>_b_1:0}. Layers without weights get no
         * {@code weight_names} (Keras writes an empty array, which jhdf cannot write; the h5py-written
         * fixture beside the README has it).
         */
        KERAS1,
        /**
         * Keras 2, as in the SqueezeNet file: {@code <layer>/<layer>/kernel:0} and {@code bias:0},
         * root attributes {@code backend} and {@code keras_version}.
         */
        KERAS2
    }

    /**
     * The convolutions of VGG16/VGG19 without the classifier ({@code include_top=False}), as the
     * released files hold them: block1_conv1 .. block5_conv3 or block5_conv4, with the given widths per block.
     */
    public static List<Conv> vgg(int depth, int[] widths) {
        int[] blocks = depth == 19 ? new int[] {2, 2, 4, 4, 4} : new int[] {2, 2, 3, 3, 3};
        List<Conv> out = new ArrayList<>();
        int in = 3;
        for (int b = 1; b <= 5; b++) {
            for (int c = 1; c <= blocks[b - 1]; c++) {
                out.add(new Conv("block" + b + "_conv" + c, 3, in, widths[b - 1]));
                in = widths[b - 1];
            }
        }
        return out;
    }

    /** Writes the released layout, {@link Layout#KERAS1}. */
    public static void write(Path file, List<Conv> convs, long seed) {
        write(file, convs, seed, Layout.KERAS1);
    }

    public static void write(Path file, List<Conv> convs, long seed, Layout layout) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> names = new ArrayList<>();
        names.add("input_1");
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            h5.putGroup("input_1"); // jhdf cannot write an empty weight_names; the reader treats a missing one as empty
            for (int i = 0; i < convs.size(); i++) {
                Conv c = convs.get(i);
                names.add(c.name());
                WritableGroup layer = h5.putGroup(c.name());
                float[][][][] kernel = kernel(c, rnd);
                float[] bias = bias(c, rnd);
                if (layout == Layout.KERAS1) {
                    layer.putAttribute("weight_names", new String[] {c.name() + "_W_1:0", c.name() + "_b_1:0"});
                    layer.putDataset(c.name() + "_W_1:0", kernel);
                    layer.putDataset(c.name() + "_b_1:0", bias);
                    String pool = poolAfter(convs, i);
                    if (pool != null) {
                        names.add(pool);
                        h5.putGroup(pool);
                    }
                } else {
                    layer.putAttribute("weight_names", new String[] {c.name() + "/kernel:0", c.name() + "/bias:0"});
                    WritableGroup inner = layer.putGroup(c.name());
                    inner.putDataset("kernel:0", kernel);
                    inner.putDataset("bias:0", bias);
                }
            }
            h5.putAttribute("layer_names", names.toArray(new String[0]));
            if (layout == Layout.KERAS2) {
                h5.putAttribute("backend", "tensorflow");
                h5.putAttribute("keras_version", "2.0.0");
            }
        }
    }

    /** {@code blockB_pool} after the last convolution of block B, as VGG has it; null elsewhere. */
    private static String poolAfter(List<Conv> convs, int i) {
        String block = block(convs.get(i).name());
        if (block == null || (i + 1 < convs.size() && block.equals(block(convs.get(i + 1).name())))) {
            return null;
        }
        return block + "_pool";
    }

    private static String block(String layer) {
        int u = layer.indexOf("_conv");
        return layer.startsWith("block") && u > 0 ? layer.substring(0, u) : null;
    }

    private static float[] bias(Conv c, SplittableRandom rnd) {
        float[] bias = new float[c.out()];
        for (int i = 0; i < bias.length; i++) {
            bias[i] = (float) (rnd.nextDouble() * 0.01);
        }
        return bias;
    }

    private static float[][][][] kernel(Conv c, SplittableRandom rnd) {
        double std = Math.sqrt(2.0 / (c.k() * c.k() * c.in()));
        float[][][][] w = new float[c.k()][c.k()][c.in()][c.out()];
        for (float[][][] a : w) {
            for (float[][] b : a) {
                for (float[] d : b) {
                    for (int i = 0; i < d.length; i++) {
                        d[i] = (float) (gaussian(rnd) * std);
                    }
                }
            }
        }
        return w;
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
