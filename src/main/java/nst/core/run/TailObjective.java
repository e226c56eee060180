package nst.core.run;

import java.util.Map;
import java.util.function.Supplier;
import nst.core.loss.Objective;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An objective that evaluates with a first objective until {@link #switchToTail}, then with a
 * second one made at that moment (the float32 tail of a bfloat16 scale, {@link OptimisationRun}):
 * the first is closed before the second computes its targets, so the two never hold their memory
 * at once.
 */
final class TailObjective implements Objective {
    private Objective current;
    private Supplier<Objective> tail;

    /** @param tail makes the second objective; null for none ({@link #switchToTail} then does nothing) */
    TailObjective(Objective first, Supplier<Objective> tail) {
        this.current = first;
        this.tail = tail;
    }

    /** Closes the first objective and evaluates with the second from now on; once only. */
    void switchToTail() {
        if (tail != null) {
            current.close();
            current = null;
            current = tail.get();
            tail = null;
        }
    }

    @Override
    public Evaluation evaluate(INDArray x255) {
        return current.evaluate(x255);
    }

    /** The current objective's style targets. */
    @Override
    public Map<String, INDArray> styleGrams() {
        return current.styleGrams();
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
        }
    }
}
