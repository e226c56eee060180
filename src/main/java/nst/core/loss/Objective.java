package nst.core.loss;

import java.util.Map;
import nst.core.Losses;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The loss of an image and its gradient with respect to the image. */
public interface Objective extends AutoCloseable {
    /** A loss and its gradient with respect to the image. */
    record Evaluation(Losses losses, INDArray gradient) { }

    /** Loss terms and d(total)/dx at {@code x255} ([1,3,H,W], the content's shape). */
    Evaluation evaluate(INDArray x255);

    /**
     * The style targets (blended Gram matrix per style layer; empty without a style term), which
     * another objective over the same styles, layers and network may reuse: the tiles of one scale.
     */
    Map<String, INDArray> styleGrams();

    /** Frees what the evaluations keep between them (nothing by default); the objective is not used after. */
    @Override
    default void close() { }
}
