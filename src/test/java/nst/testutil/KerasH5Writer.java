package nst.testutil;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes Keras-layout HDF5 weight files ({@code layer_names}, per-layer {@code weight_names},
 * datasets {@code <layer>/<layer>/kernel:0} in HWIO and {@code bias:0}) with seeded He-normal
 * weights, so the real loading path can be tested on VGG-shaped networks of any width.
 */
public final class KerasH5Writer {
    private KerasH5Writer() { }

    /** A convolution to write: Keras layer name, kernel size, in and out channels. */
    public record Conv(String name, int k, int in, int out) { }

    /** The VGG16/VGG19 convolutions block1_conv1 .. block5_conv1 with the given widths per block. */
    public static List<Conv> vgg(int depth, int[] widths) {
        int[] blocks = depth == 19 ? new int[] {2, 2, 4, 4, 1} : new int[] {2, 2, 3, 3, 1};
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

    public static void write(Path file, List<Conv> convs, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> names = new ArrayList<>();
        names.add("input_1");
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            h5.putGroup("input_1"); // jhdf cannot write an empty weight_names; the reader treats a missing one as empty
            for (Conv c : convs) {
                names.add(c.name());
                WritableGroup layer = h5.putGroup(c.name());
                layer.putAttribute("weight_names", new String[] {c.name() + "/kernel:0", c.name() + "/bias:0"});
                WritableGroup inner = layer.putGroup(c.name());
                inner.putDataset("kernel:0", kernel(c, rnd));
                float[] bias = new float[c.out()];
                for (int i = 0; i < bias.length; i++) {
                    bias[i] = (float) (rnd.nextDouble() * 0.01);
                }
                inner.putDataset("bias:0", bias);
            }
            h5.putAttribute("layer_names", names.toArray(new String[0]));
            h5.putAttribute("backend", "tensorflow");
        }
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
