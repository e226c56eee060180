package nst.net;

import nst.arrays.NativeArrays;
import nst.net.onednn.OneDnn;
import nst.net.onednn.OneDnnConv;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A convolution through oneDNN called directly ({@link OneDnnConv}: weights reordered once, the
 * ReLU fused); its input gradient (stride 1, same padding) as the convolution with the flipped
 * kernel. Arrays oneDNN cannot read in place, and other input gradients, go to {@code next}. With
 * {@code bf16} the forward convolution reads bfloat16 weights and inputs and sums in float32; the
 * input gradient stays float32: in bfloat16 too, VGG19's default 512 px run (100 L-BFGS pairs)
 * ended 3.8% above float32's loss, with it 0.9% (on other images 3-5%; the run's float32 tail,
 * {@code nst.core.run.OptimisationRun}, narrows the gap that remains, BENCHMARKS.md).
 */
final class OneDnnConvKernel implements ConvKernel {
    private final ConvWeights w;
    private final int stride;
    private final int pad;
    private final boolean relu;
    private final boolean bf16;
    private final ConvKernel next;
    // made on first use; a run on another thread may make its own at the same moment (both are the same)
    private volatile OneDnnConv forward;
    private volatile OneDnnConv backward;

    OneDnnConvKernel(ConvWeights w, int stride, int pad, boolean relu, boolean bf16, ConvKernel next) {
        this.w = w;
        this.stride = stride;
        this.pad = pad;
        this.relu = relu;
        this.bf16 = bf16;
        this.next = next;
    }

    @Override
    public INDArray forward(INDArray x, INDArray out) {
        if (!OneDnn.accepts(x) || (out != null && !OneDnn.accepts(out))) {
            return next.forward(x, out);
        }
        INDArray y = out != null ? out : Nd4j.createUninitialized(x.dataType(), x.size(0), w.outChannels(),
                ConvKernel.outSide(x.size(2), w.kernelSize(), stride, pad), ConvKernel.outSide(x.size(3), w.kernelSize(), stride, pad));
        return forwardConv().run(x, y);
    }

    @Override
    public INDArray inputGradient(INDArray g, long inH, long inW) {
        if (stride == 1 && 2 * pad == w.kernelSize() - 1 && OneDnn.accepts(g)) {
            return backwardConv().run(g, Nd4j.createUninitialized(g.dataType(), g.size(0), w.inChannels(), g.size(2), g.size(3)));
        }
        return next.inputGradient(g, inH, inW);
    }

    private OneDnnConv forwardConv() {
        OneDnnConv k = forward;
        if (k == null) {
            k = new OneDnnConv(ArrayOps.outsideWorkspaces(() -> NativeArrays.directFloats(w.kernelHwio())), w.bias(), stride, pad, relu, bf16);
            forward = k;
        }
        return k;
    }

    /** The flipped kernel, no bias, no ReLU; it is made again if a plan needs another weight layout, and freed after each use. */
    private OneDnnConv backwardConv() {
        OneDnnConv k = backward;
        if (k == null) {
            long[] shape = {w.kernelSize(), w.kernelSize(), w.outChannels(), w.inChannels()};
            k = new OneDnnConv(() -> ArrayOps.outsideWorkspaces(() -> NativeArrays.directFloats(ArrayOps.flippedTransposed(w.kernelHwio()))),
                    shape, null, 1, pad, false, false);
            backward = k;
        }
        return k;
    }
}
