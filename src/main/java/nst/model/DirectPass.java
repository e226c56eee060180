package nst.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import nst.core.DirectNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runs a {@link StageNetwork} op by op, and back through the same ops for the input gradient. */
final class DirectPass implements DirectNetwork {
    private final StageNetwork net;
    private final Deque<INDArray> tape = new ArrayDeque<>();
    private int executed;

    DirectPass(StageNetwork net) {
        this.net = net;
    }

    @Override
    public Map<String, INDArray> forward(INDArray rgb255Nchw, Set<String> taps) {
        net.checkLayers(taps);
        tape.clear();
        Map<String, INDArray> out = new LinkedHashMap<>();
        INDArray x = ((DirectOps.Direct) net.preprocess()).forward(rgb255Nchw, tape);
        executed = 0;
        for (StageNetwork.Stage s : net.stages()) {
            if (out.size() == taps.size()) {
                break;
            }
            x = ((DirectOps.Direct) s.op()).forward(x, tape);
            executed++;
            if (s.tap() != null && taps.contains(s.tap())) {
                out.put(s.tap(), x);
            }
        }
        return out;
    }

    @Override
    public INDArray backward(Map<String, INDArray> tapGradients) {
        INDArray g = null;
        for (int i = executed - 1; i >= 0; i--) {
            StageNetwork.Stage s = net.stages().get(i);
            INDArray add = s.tap() == null ? null : tapGradients.get(s.tap());
            if (add != null) {
                g = g == null ? add.dup() : g.addi(add);
            }
            DirectOps.Direct op = (DirectOps.Direct) s.op();
            if (g == null) {
                throw new IllegalStateException("no gradient reaches stage " + i);
            }
            g = op.backward(g, tape);
        }
        INDArray image = ((DirectOps.Direct) net.preprocess()).backward(g, tape);
        tape.clear();
        return image;
    }
}
