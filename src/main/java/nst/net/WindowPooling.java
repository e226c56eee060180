package nst.net;

import java.nio.FloatBuffer;
import java.util.Arrays;
import nst.arrays.NativeArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The input gradients of max and average pooling (NCHW float32, square windows, floor output
 * size) as Java loops over the native buffers, one plane per task. libnd4j's pooling backward
 * ops rescan every window with generic index arithmetic: at 256 px, SqueezeNet's first max-pool
 * backward took 8.2-8.8 ms there and 4-5 ms here (see BENCHMARKS.md). The forward pooling stays in
 * libnd4j, which is as fast as a Java loop can be on unpredictable comparisons.
 */
final class WindowPooling {
    private WindowPooling() { }

    /**
     * Max pooling's input gradient: each output's gradient goes to the first input of its window,
     * in row-major order, that equals the window's maximum {@code y} (the first maximum, as
     * libnd4j and PyTorch choose).
     */
    static INDArray maxInputGradient(INDArray x, INDArray y, INDArray gradOut, int k, int stride) {
        return inputGradient(x, y, gradOut, k, stride, x.size(2), x.size(3), false);
    }

    /**
     * For a max pooling whose input {@code x} is a ReLU's output that nothing else needs: the
     * input gradient times the ReLU's gradient (1 where x > 0), written over x itself, which is
     * returned. A window's gradient goes to its winner, whose value is the window's maximum, so
     * the ReLU passes it exactly when the maximum is positive. This spares a new array of x's size
     * (VGG19's first pooling at 512 px: 64 MB, whose first writes are page faults) and the ReLU
     * gradient's two passes over it. x must be float32 in its own buffer ({@link NativeArrays#direct}).
     */
    static INDArray maxInputGradientTimesReluGradientInto(INDArray x, INDArray y, INDArray gradOut, int k, int stride) {
        if (x.dataType() != DataType.FLOAT || !NativeArrays.direct(x)) {
            throw new IllegalArgumentException("not a float32 array with its own buffer: " + x.shapeInfoToString());
        }
        return inputGradient(x, y, gradOut, k, stride, x.size(2), x.size(3), true);
    }

    /** Average pooling's input gradient: each output's gradient in equal parts to its window. */
    static INDArray averageInputGradient(INDArray gradOut, long inH, long inW, int k, int stride) {
        return inputGradient(null, null, gradOut, k, stride, inH, inW, false);
    }

    /** {@code overX}: the result times the ReLU gradient (max pooling's maximum > 0), written over x. */
    private static INDArray inputGradient(INDArray x, INDArray y, INDArray gradOut, int k, int stride, long inH, long inW, boolean overX) {
        INDArray xs = x == null ? null : NativeArrays.directFloats(x);
        INDArray ys = y == null ? null : NativeArrays.directFloats(y);
        INDArray gs = NativeArrays.directFloats(gradOut);
        int h = (int) inH;
        int w = (int) inW;
        int oh = (int) gradOut.size(2);
        int ow = (int) gradOut.size(3);
        int planes = (int) (gradOut.size(0) * gradOut.size(1));
        INDArray gx = overX ? x : Nd4j.createUninitialized(DataType.FLOAT, gradOut.size(0), gradOut.size(1), inH, inW);
        FloatBuffer in = xs == null ? null : NativeArrays.floats(xs);
        FloatBuffer out = ys == null ? null : NativeArrays.floats(ys);
        FloatBuffer go = NativeArrays.floats(gs);
        FloatBuffer gi = NativeArrays.floats(gx);
        NativeArrays.parallel(planes, p -> {
            // one plane at a time in Java arrays: bulk copies, then plain array loops (NIO element access is slower)
            Scratch s = SCRATCH.get().size(h * w, oh * ow);
            go.get(p * oh * ow, s.gradOut, 0, oh * ow);
            if (in == null) {
                Arrays.fill(s.gradIn, 0, h * w, 0f);
                averagePlane(s.gradOut, s.gradIn, w, k, stride, oh, ow);
            } else {
                in.get(p * h * w, s.in, 0, h * w);
                out.get(p * oh * ow, s.out, 0, oh * ow);
                if (k == 2 && stride == 2) {
                    maxPlaneTiled2x2(s.in, s.out, s.gradOut, s.gradIn, h, w, oh, ow, overX);
                } else {
                    Arrays.fill(s.gradIn, 0, h * w, 0f);
                    maxPlane(s.in, s.out, s.gradOut, s.gradIn, w, k, stride, oh, ow, overX);
                }
            }
            gi.put(p * h * w, s.gradIn, 0, h * w);
        });
        NativeArrays.closeCopy(xs, x);
        NativeArrays.closeCopy(ys, y);
        NativeArrays.closeCopy(gs, gradOut);
        return gx;
    }

    /** {@code relu}: only windows with a positive maximum pass their gradient on. */
    private static void maxPlane(float[] v, float[] max, float[] g, float[] gi, int w, int k, int stride, int oh, int ow, boolean relu) {
        for (int oy = 0; oy < oh; oy++) {
            int at = oy * ow;
            for (int ox = 0; ox < ow; ox++, at++) {
                int i0 = oy * stride * w + ox * stride;
                float m = max[at];
                if (relu && !(m > 0)) {
                    continue;
                }
                int r1 = i0 + w;
                int r2 = r1 + w;
                // the 3x3 and 2x2 windows (SqueezeNet, VGG) written out: 1.5-2x faster than the loop,
                // and fast with the C1 compiler too (bit tricks with floatToRawIntBits were 10x slower there).
                // A NaN maximum equals nothing: its gradient goes to the window's first input.
                int winner;
                if (k == 3) {
                    winner = v[i0] == m ? i0 : v[i0 + 1] == m ? i0 + 1 : v[i0 + 2] == m ? i0 + 2
                            : v[r1] == m ? r1 : v[r1 + 1] == m ? r1 + 1 : v[r1 + 2] == m ? r1 + 2
                            : v[r2] == m ? r2 : v[r2 + 1] == m ? r2 + 1 : v[r2 + 2] == m ? r2 + 2 : i0;
                } else if (k == 2) {
                    winner = v[i0] == m ? i0 : v[i0 + 1] == m ? i0 + 1 : v[r1] == m ? r1 : v[r1 + 1] == m ? r1 + 1 : i0;
                } else {
                    winner = i0;
                    search:
                    for (int row = i0; row < i0 + k * w; row += w) {
                        for (int i = row; i < row + k; i++) {
                            if (v[i] == m) {
                                winner = i;
                                break search;
                            }
                        }
                    }
                }
                gi[winner] += g[at];
            }
        }
    }

    /**
     * {@link #maxPlane} for 2x2 windows at stride 2 (VGG's pooling), which tile the plane: every
     * input gets its window's gradient or 0, written once, so the plane is neither cleared first
     * nor added to (VGG19's first pooling at 512 px: see BENCHMARKS.md). Rows and columns past
     * the last whole window get 0.
     */
    private static void maxPlaneTiled2x2(float[] v, float[] max, float[] g, float[] gi, int h, int w, int oh, int ow, boolean relu) {
        for (int oy = 0; oy < oh; oy++) {
            int r0 = 2 * oy * w;
            int r1 = r0 + w;
            int at = oy * ow;
            for (int ox = 0; ox < ow; ox++, at++) {
                int i0 = r0 + 2 * ox;
                int i1 = r1 + 2 * ox;
                float m = max[at];
                float gv = relu && !(m > 0) ? 0f : g[at];
                // the first input equal to the maximum wins; a NaN maximum equals none: the first input
                int winner = v[i0] == m ? 0 : v[i0 + 1] == m ? 1 : v[i1] == m ? 2 : v[i1 + 1] == m ? 3 : 0;
                gi[i0] = winner == 0 ? gv : 0f;
                gi[i0 + 1] = winner == 1 ? gv : 0f;
                gi[i1] = winner == 2 ? gv : 0f;
                gi[i1 + 1] = winner == 3 ? gv : 0f;
            }
            if (2 * ow < w) {
                Arrays.fill(gi, r0 + 2 * ow, r0 + w, 0f);
                Arrays.fill(gi, r1 + 2 * ow, r1 + w, 0f);
            }
        }
        Arrays.fill(gi, 2 * oh * w, h * w, 0f);
    }

    private static void averagePlane(float[] g, float[] gi, int w, int k, int stride, int oh, int ow) {
        float mean = 1f / (k * k);
        for (int oy = 0; oy < oh; oy++) {
            int at = oy * ow;
            for (int ox = 0; ox < ow; ox++, at++) {
                float share = g[at] * mean;
                int i0 = oy * stride * w + ox * stride;
                for (int row = i0; row < i0 + k * w; row += w) {
                    for (int i = row; i < row + k; i++) {
                        gi[i] += share;
                    }
                }
            }
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** One thread's plane buffers, grown as needed and kept. */
    private static final class Scratch {
        float[] in = new float[0];
        float[] gradIn = new float[0];
        float[] out = new float[0];
        float[] gradOut = new float[0];

        Scratch size(int inLength, int outLength) {
            if (in.length < inLength) {
                in = new float[inLength];
                gradIn = new float[inLength];
            }
            if (out.length < outLength) {
                out = new float[outLength];
                gradOut = new float[outLength];
            }
            return this;
        }
    }
}
