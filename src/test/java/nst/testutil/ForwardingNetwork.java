package nst.testutil;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nst.core.FeatureNetwork;
import nst.core.InputGradientNetwork;
import nst.core.NetworkDefaults;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network that hands everything to another one, for tests that watch or alter its passes: they
 * override {@link #forward} or {@link #backward}, which see each pass of the input-gradient
 * network. Precision and pooling keep {@link FeatureNetwork}'s defaults (this network itself).
 */
public abstract class ForwardingNetwork implements FeatureNetwork {
    protected final FeatureNetwork inner;

    protected ForwardingNetwork(FeatureNetwork inner) {
        this.inner = inner;
    }

    /** One forward pass; by default the inner network's. */
    protected Map<String, INDArray> forward(InputGradientNetwork inner, INDArray x, Set<String> taps) {
        return inner.forward(x, taps);
    }

    /** One backward pass; by default the inner network's. */
    protected INDArray backward(InputGradientNetwork inner, Map<String, INDArray> tapGradients) {
        return inner.backward(tapGradients);
    }

    @Override public String id() { return inner.id(); }
    @Override public List<String> layers() { return inner.layers(); }
    @Override public NetworkDefaults defaults() { return inner.defaults(); }
    @Override public int outputSide(int side, String layer) { return inner.outputSide(side, layer); }
    @Override public int receptiveField(Collection<String> layers) { return inner.receptiveField(layers); }
    @Override public double activationsPerPixel() { return inner.activationsPerPixel(); }

    @Override
    public Map<String, SDVariable> define(SameDiff sd, SDVariable in, Collection<String> layers) {
        return inner.define(sd, in, layers);
    }

    @Override
    public Optional<InputGradientNetwork> inputGradients() {
        InputGradientNetwork d = inner.inputGradients().orElseThrow();
        return Optional.of(new InputGradientNetwork() {
            @Override
            public Map<String, INDArray> forward(INDArray x, Set<String> taps) {
                return ForwardingNetwork.this.forward(d, x, taps);
            }

            @Override
            public INDArray backward(Map<String, INDArray> tapGradients) {
                return ForwardingNetwork.this.backward(d, tapGradients);
            }
        });
    }
}
