package nst.net;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nst.core.FeatureNetwork;
import nst.core.ModelFormatException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The VGG19-shaped 16x-pruned encoder of Collaborative Distillation (CVPR 2020), from its OIHW
 * {@code .npz}: input RGB/255 through a stored 1x1 colour transform (no ReLU), 3x3 convolutions with
 * reflection padding + ReLU, 2x2/s2 max-pooling. Taps relu1_1..relu5_1 (VGG19 names) and aux1_1 ..
 * aux5_1 (ReLU of a 1x1 conv of relu{k}_1). Used to exercise the VGG19 code path on trained weights.
 */
public final class DistilledVgg19 {
    public static final String ID = "vgg19-distilled16x";
    private static final int[] BLOCKS = {2, 2, 4, 4, 1};

    private DistilledVgg19() { }

    public static FeatureNetwork load(Path npz) {
        Map<String, INDArray> z;
        try {
            z = Nd4j.createFromNpzFile(new File(npz.toString()));
        } catch (Exception e) {
            throw new ModelFormatException(npz.getFileName() + " cannot be read as a .npz file (" + e.getMessage() + ").", e);
        }
        List<StageNetwork.Stage> s = new ArrayList<>();
        for (int b = 1; b <= 5; b++) {
            if (b > 1) {
                s.add(new StageNetwork.Stage(null, n -> n / 2, StageNetwork.maxPool(2, 2)));
            }
            for (int c = 1; c <= BLOCKS[b - 1]; c++) {
                ConvWeights w = weights(z, "conv" + b + c);
                s.add(new StageNetwork.Stage("relu" + b + "_" + c, n -> n, StageNetwork.conv(w, 1, 1, true, true), (int) w.outChannels()));
            }
        }
        List<StageNetwork.Branch> aux = new ArrayList<>();
        for (int k = 1; k <= 5; k++) {
            ConvWeights w = weights(z, "conv" + k + "1_aux");
            aux.add(new StageNetwork.Branch("aux" + k + "_1", "relu" + k + "_1", n -> n, StageNetwork.conv(w, 1, 0, false, true)));
        }
        StageNetwork.Op conv0 = StageNetwork.conv(weights(z, "conv0"), 1, 0, false, false);
        StageNetwork.Op pre = new GraphOnly((sd, x) -> conv0.apply(sd, x.div(255.0)));
        return new StageNetwork(ID, pre, s, aux, Vgg.DEFAULTS);
    }

    private static ConvWeights weights(Map<String, INDArray> z, String key) {
        INDArray w = z.get(key + "_W");
        INDArray b = z.get(key + "_b");
        if (w == null || b == null) {
            throw new ModelFormatException("The .npz file has no " + key + "_W / " + key + "_b; it is not the distilled VGG19 encoder.");
        }
        return ConvWeights.fromOihw(key, w.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT), b.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
    }

    /** The encoder's colour step, which runs only in a SameDiff graph (like its reflection-padded convolutions). */
    private record GraphOnly(java.util.function.BiFunction<org.nd4j.autodiff.samediff.SameDiff, org.nd4j.autodiff.samediff.SDVariable,
            org.nd4j.autodiff.samediff.SDVariable> step) implements StageNetwork.Op {
        @Override
        public org.nd4j.autodiff.samediff.SDVariable apply(org.nd4j.autodiff.samediff.SameDiff sd, org.nd4j.autodiff.samediff.SDVariable x) {
            return step.apply(sd, x);
        }

        @Override
        public boolean onArrays() {
            return false;
        }

        @Override
        public INDArray forward(INDArray x, java.util.Deque<INDArray> tape) {
            throw new UnsupportedOperationException("runs only in a SameDiff graph");
        }

        @Override
        public INDArray backward(INDArray gradOut, java.util.Deque<INDArray> tape) {
            throw new UnsupportedOperationException("runs only in a SameDiff graph");
        }
    }
}
