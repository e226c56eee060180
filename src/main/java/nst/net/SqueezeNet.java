package nst.net;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Deque;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import nst.core.FeatureNetwork;
import nst.core.ModelFormatException;
import nst.core.NetworkDefaults;
import nst.core.StyleLayer;

/**
 * SqueezeNet 1.1 without the classifier, from the Keras file of rcmalli/keras-squeezenet. Input:
 * BGR 0..255 minus (104.006, 116.669, 122.679) (see {@link StageNetwork#subtractMeanRgb}). conv1 3x3/s2 (no pad) + ReLU, max-pool 3x3/s2
 * after conv1, fire3 and fire5; a fire module is squeeze1x1+ReLU, then expand1x1+ReLU and
 * expand3x3 (pad 1)+ReLU concatenated in that order. Taps: conv1, fire2 .. fire9.
 */
public final class SqueezeNet {
    public static final String ID = "squeezenet1.1";
    static final NetworkDefaults DEFAULTS = new NetworkDefaults("fire5",
            List.of(new StyleLayer("conv1", 1), new StyleLayer("fire2", 1), new StyleLayer("fire3", 1),
                    new StyleLayer("fire5", 1), new StyleLayer("fire7", 1)), 1.0, 0.3, 1.0);

    private SqueezeNet() { }

    public static FeatureNetwork load(Path h5) {
        KerasWeightFile f = KerasWeightFile.read(h5);
        return build(f, h5.getFileName().toString());
    }

    static FeatureNetwork build(KerasWeightFile w, String source) {
        ConvWeights conv1 = need(w, "conv1", source).forRgbInput();
        List<StageNetwork.Stage> s = new ArrayList<>();
        s.add(new StageNetwork.Stage("conv1", StageNetwork.convSide(3, 2, 0), StageNetwork.conv(conv1, 2, 0, false, true), (int) conv1.outChannels()));
        for (int i = 2; i <= 9; i++) {
            if (i == 2 || i == 4 || i == 6) {
                s.add(new StageNetwork.Stage(null, StageNetwork.convSide(3, 2, 0), StageNetwork.maxPool(3, 2)));
            }
            // squeeze, both expands and their concatenation are all kept for the backward pass
            long squeeze = need(w, "fire" + i + "/squeeze1x1", source).outChannels();
            long out = need(w, "fire" + i + "/expand1x1", source).outChannels() + need(w, "fire" + i + "/expand3x3", source).outChannels();
            s.add(new StageNetwork.Stage("fire" + i, n -> n, fire(w, i, source), (int) (squeeze + 2 * out)));
        }
        return new StageNetwork(ID, StageNetwork.subtractMeanRgb(104.006, 116.669, 122.679), s, List.of(), DEFAULTS);
    }

    private static StageNetwork.Op fire(KerasWeightFile w, int i, String source) {
        return new Fire(new Conv(need(w, "fire" + i + "/squeeze1x1", source), 1, 0, false, true),
                new Conv(need(w, "fire" + i + "/expand1x1", source), 1, 0, false, true),
                new Conv(need(w, "fire" + i + "/expand3x3", source), 1, 1, false, true));
    }

    /** squeeze1x1 + ReLU, then [expand1x1 + ReLU, expand3x3 + ReLU] concatenated along channels. */
    record Fire(Conv squeeze, Conv e1, Conv e3)
            implements StageNetwork.Op, StageNetwork.Window, StageNetwork.ReluOutput {
        /** squeeze 1x1 then expand 3x3 (the 1x1 expand sees less): one 3x3, stride 1 window. */
        @Override
        public int kernel() {
            return squeeze.kernel() + e3.kernel() - 1;
        }

        @Override
        public int stride() {
            return squeeze.stride() * e3.stride();
        }

        @Override
        public SDVariable apply(SameDiff sd, SDVariable x) {
            SDVariable sq = squeeze.apply(sd, x);
            return sd.concat(1, e1.apply(sd, sq), e3.apply(sd, sq));
        }

        @Override
        public boolean onArrays() {
            return squeeze.onArrays() && e1.onArrays() && e3.onArrays();
        }

        @Override
        public Fire withBf16(boolean bf16) {
            return new Fire(squeeze.withBf16(bf16), e1.withBf16(bf16), e3.withBf16(bf16));
        }

        @Override
        public boolean reluOutput() {
            return true;
        }

        /**
         * Both expands write straight into their channel ranges of the module's output, each with
         * its ReLU (no concatenation copy); the backward pass applies the ReLUs' gradient once and
         * splits it as views.
         */
        @Override
        public INDArray forward(INDArray x, Deque<INDArray> tape) {
            INDArray sq = squeeze.forward(x, tape);
            long c1 = e1.outChannels();
            INDArray out = Nd4j.createUninitialized(sq.dataType(), sq.size(0), c1 + e3.outChannels(),
                    e3.outSide(sq.size(2)), e3.outSide(sq.size(3)));
            e1.convolve(sq, ArrayOps.channels(out, 0, c1));
            e3.convolve(sq, ArrayOps.channels(out, c1, out.size(1)));
            tape.push(sq);
            tape.push(out);
            return out;
        }

        @Override
        public INDArray backward(INDArray gradOut, Deque<INDArray> tape) {
            return backward(gradOut, tape, false);
        }

        @Override
        public INDArray backward(INDArray gradOut, Deque<INDArray> tape, boolean reluGradientApplied) {
            INDArray out = tape.pop(); // the module's output: its owner frees it; it becomes the ReLU mask here
            INDArray sq = tape.pop();
            INDArray g = reluGradientApplied ? gradOut : ArrayOps.reluGradientInPlace(out, gradOut);
            long c1 = e1.outChannels();
            INDArray gs = e3.inputGradient(ArrayOps.channels(g, c1, g.size(1)), sq.size(2), sq.size(3));
            try (INDArray g1 = e1.inputGradient(ArrayOps.channels(g, 0, c1), sq.size(2), sq.size(3))) {
                gs.addi(g1);
            }
            INDArray gx = squeeze.backward(gs, tape);
            gs.close();
            sq.close();
            return gx;
        }
    }

    private static ConvWeights need(KerasWeightFile w, String layer, String source) {
        ConvWeights c = w.convLayers().get(layer);
        if (c == null) {
            throw new ModelFormatException(source + " has no layer " + layer + ", so it is not a SqueezeNet 1.1 weight file"
                    + Architectures.describe(w) + " Choose the model that matches the file.");
        }
        return c;
    }
}
