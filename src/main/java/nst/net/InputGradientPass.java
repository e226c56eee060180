package nst.net;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import nst.core.InputGradientNetwork;
import nst.net.onednn.OneDnn;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runs a {@link StageNetwork} op by op, and back through the same ops for the input gradient. */
final class InputGradientPass implements InputGradientNetwork {
    private final StageNetwork net;
    private final Deque<INDArray> tape = new ArrayDeque<>();
    private final java.util.List<INDArray> outputs = new java.util.ArrayList<>();
    private int executed;

    InputGradientPass(StageNetwork net) {
        this.net = net;
    }

    @Override
    public Map<String, INDArray> forward(INDArray rgb255Nchw, Set<String> taps) {
        net.checkLayers(taps);
        release();
        Map<String, INDArray> out = new LinkedHashMap<>();
        INDArray x = net.preprocess().forward(rgb255Nchw, tape);
        INDArray preprocessed = x;
        input = rgb255Nchw;
        executed = 0;
        for (StageNetwork.Stage s : net.stages()) {
            if (out.size() == taps.size()) {
                break;
            }
            x = s.op().forward(x, tape);
            outputs.add(x);
            executed++;
            if (s.tap() != null && taps.contains(s.tap())) {
                out.put(s.tap(), x);
            }
        }
        this.preprocessed = preprocessed;
        return out;
    }

    private INDArray preprocessed;
    private INDArray input;

    /**
     * Frees what a forward pass without a backward pass left (the targets' passes: their callers
     * copy the taps they keep), now instead of at the next garbage collection. Closing an array
     * twice, or a view, does nothing.
     */
    private void release() {
        java.util.stream.Stream.concat(tape.stream(), outputs.stream()).filter(a -> a != input).forEach(INDArray::close);
        if (preprocessed != null && preprocessed != input) {
            preprocessed.close();
        }
        forget();
    }

    /**
     * Frees the last pass's arrays and the scratch buffers of oneDNN's convolutions (shared by
     * all networks: another run's next convolution makes them again).
     */
    @Override
    public void close() {
        release();
        OneDnn.releaseScratch();
    }

    /** Drops the references to the last pass's arrays (closed or handed out by now). */
    private void forget() {
        preprocessed = null;
        input = null;
        tape.clear();
        outputs.clear();
    }

    /** Whether stage j's output is a ReLU's and no tap gradient joins there (so a pooling after it may apply the ReLU's gradient). */
    private boolean reluWithoutOtherGradient(int j, Map<String, INDArray> tapGradients) {
        StageNetwork.Stage s = net.stages().get(j);
        return s.op() instanceof StageNetwork.ReluOutput r && r.reluOutput() && (s.tap() == null || !tapGradients.containsKey(s.tap()));
    }

    @Override
    public INDArray backward(Map<String, INDArray> tapGradients) {
        INDArray g = null;
        boolean reluGradientApplied = false; // by the max pooling after this stage
        for (int i = executed - 1; i >= 0; i--) {
            StageNetwork.Stage s = net.stages().get(i);
            INDArray add = s.tap() == null ? null : tapGradients.get(s.tap());
            if (add != null) {
                g = g == null ? add.dup() : g.addi(add);
            }
            if (g == null) {
                throw new IllegalStateException("no gradient reaches stage " + i);
            }
            boolean fuse = false;
            INDArray next;
            if (s.op() instanceof Pool pool) {
                fuse = i > 0 && reluWithoutOtherGradient(i - 1, tapGradients);
                next = pool.backward(g, tape, fuse);
            } else if (s.op() instanceof StageNetwork.ReluOutput r) {
                next = r.backward(g, tape, reluGradientApplied);
            } else {
                next = s.op().backward(g, tape);
            }
            reluGradientApplied = fuse;
            // free native memory now rather than at the next garbage collection: this stage's
            // output and the gradient that came in are no longer needed
            g.close();
            outputs.get(i).close();
            g = next;
        }
        INDArray image = net.preprocess().backward(g, tape);
        if (preprocessed != null && preprocessed != image && preprocessed != input) {
            preprocessed.close();
        }
        forget();
        return image;
    }
}
