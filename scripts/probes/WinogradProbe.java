package nst.model;

import java.nio.FloatBuffer;
import java.util.Locale;
import nst.core.NativeArrays;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Probe, not part of the build (ninth session, BENCHMARKS.md): Winograd's F(2x2, 3x3) for VGG19's
 * 3x3 layers against the engine's convolution (oneDNN's direct jit:avx2 kernel through
 * {@link OneDnnConv}), one image, bias and ReLU. The 16 products per 2x2 output block are 16
 * matrix products by oneDNN's sgemm, [out, in] x [in, tiles]; the tile transforms are Java loops
 * over the channels, in parallel on ND4J's threads, as in the engine's other Java loops. Prints
 * per shape the direct convolution's time, the three parts of Winograd's, and the largest
 * difference between the two results. Lives in package nst.model to reach OneDnnConv.
 */
public final class WinogradProbe {
    private static final float[][] G = {{1, 0, 0}, {.5f, .5f, .5f}, {.5f, -.5f, .5f}, {0, 0, 1}};

    private WinogradProbe() { }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        System.out.println("PROBE direct: " + OneDnn.status());
        int[][] shapes = {{512, 512, 32}, {256, 256, 64}, {512, 512, 16}, {128, 128, 128}, {64, 64, 256}};
        for (int[] s : shapes) {
            run(s[0], s[1], s[2], reps);
        }
    }

    private static void run(int in, int out, int side, int reps) {
        int tiles = side * side / 4;
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, in, side, side).subi(0.5);
        INDArray kernel = Nd4j.rand(DataType.FLOAT, 3, 3, in, out).subi(0.5).muli(0.1);
        INDArray bias = Nd4j.rand(DataType.FLOAT, out);
        OneDnnConv direct = new OneDnnConv(kernel, bias, 1, 1, true);
        INDArray yDirect = Nd4j.create(DataType.FLOAT, 1, out, side, side);
        INDArray u = kernelTransform(kernel, in, out);
        INDArray v = Nd4j.create(DataType.FLOAT, 16, in, tiles);
        INDArray m = Nd4j.create(DataType.FLOAT, 16, out, tiles);
        INDArray yWino = Nd4j.create(DataType.FLOAT, 1, out, side, side);
        float[] b = bias.toFloatVector();
        double[] t = new double[4];
        for (int r = 0; r < reps + 3; r++) {
            long t0 = System.nanoTime();
            direct.run(x, yDirect);
            long t1 = System.nanoTime();
            inputTransform(NativeArrays.floats(x), NativeArrays.floats(v), in, side, side);
            long t2 = System.nanoTime();
            for (int xi = 0; xi < 16; xi++) {
                OneDnn.check(dnnl.dnnl_sgemm((byte) 'N', (byte) 'N', out, tiles, in, 1f, at(u, (long) xi * out * in), in,
                        at(v, (long) xi * in * tiles), tiles, 0f, at(m, (long) xi * out * tiles), tiles), "multiplying matrices");
            }
            long t3 = System.nanoTime();
            outputTransform(NativeArrays.floats(m), NativeArrays.floats(yWino), b, out, side, side);
            long t4 = System.nanoTime();
            if (r >= 3) { // the first calls plan, compile and touch memory
                t[0] += t1 - t0;
                t[1] += t2 - t1;
                t[2] += t3 - t2;
                t[3] += t4 - t3;
            }
        }
        double diff = Transforms.abs(yDirect.sub(yWino)).maxNumber().doubleValue();
        double scale = yDirect.amaxNumber().doubleValue();
        double wino = (t[1] + t[2] + t[3]) / reps / 1e6;
        System.out.printf(Locale.ROOT, "PROBE %3d -> %3d ch at %3d px: direct %6.2f ms | Winograd: input %5.2f + products %6.2f + output %5.2f = %6.2f ms (%.2fx) | max difference %.1e of %.1e%n",
                in, out, side, t[0] / reps / 1e6, t[1] / reps / 1e6, t[2] / reps / 1e6, t[3] / reps / 1e6, wino, wino / (t[0] / reps / 1e6), diff, scale);
        // the native buffers that the raw pointers above read stay reachable until here
        java.lang.ref.Reference.reachabilityFence(u);
        java.lang.ref.Reference.reachabilityFence(v);
        java.lang.ref.Reference.reachabilityFence(m);
    }

    /** Element {@code offset} of {@code a} for sgemm: {@link OneDnn#at} (the engine's address of an array) moved along. */
    private static FloatPointer at(INDArray a, long offset) {
        return new FloatPointer(OneDnn.at(a)).position(offset);
    }

    /** U[xi][o][i] = (G g G^T)[xi]: (G kron G) [16, 9] times the HWIO kernel as [9, in*out], then [in, out] -> [out, in]. */
    private static INDArray kernelTransform(INDArray hwio, int in, int out) {
        float[] gg = new float[16 * 9];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < 3; b++) {
                        gg[(r * 4 + c) * 9 + a * 3 + b] = G[r][a] * G[c][b];
                    }
                }
            }
        }
        INDArray u = Nd4j.createFromArray(gg).reshape(16, 9).mmul(hwio.reshape('c', 9, (long) in * out));
        return u.reshape('c', 16, in, out).permute(0, 2, 1).dup('c');
    }

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[17][0]);

    private static float[][] scratch(int length) {
        float[][] s = SCRATCH.get();
        if (s[0].length < length) {
            for (int i = 0; i < s.length; i++) {
                s[i] = new float[length];
            }
        }
        return s;
    }

    /** V[xi][i][t] = (B^T d B)[xi], d the 4x4 tile t of channel i (zero outside); even sides. */
    private static void inputTransform(FloatBuffer xb, FloatBuffer vb, int in, int h, int w) {
        int tw = w / 2;
        int tiles = h * w / 4;
        NativeArrays.parallel(in, i -> {
            float[][] s = scratch(h * w);
            float[] d = s[16];
            xb.get(i * h * w, d, 0, h * w);
            float[] t = new float[16];
            for (int ty = 0; ty < h / 2; ty++) {
                for (int tx = 0; tx < tw; tx++) {
                    for (int r = 0; r < 4; r++) {
                        for (int c = 0; c < 4; c++) {
                            int yy = 2 * ty - 1 + r;
                            int xx = 2 * tx - 1 + c;
                            t[4 * r + c] = yy < 0 || xx < 0 || yy >= h || xx >= w ? 0f : d[yy * w + xx];
                        }
                    }
                    for (int c = 0; c < 4; c++) { // B^T d
                        float r0 = t[c];
                        float r1 = t[4 + c];
                        float r2 = t[8 + c];
                        float r3 = t[12 + c];
                        t[c] = r0 - r2;
                        t[4 + c] = r1 + r2;
                        t[8 + c] = r2 - r1;
                        t[12 + c] = r1 - r3;
                    }
                    int at = ty * tw + tx;
                    for (int r = 0; r < 4; r++) { // (B^T d) B
                        s[4 * r][at] = t[4 * r] - t[4 * r + 2];
                        s[4 * r + 1][at] = t[4 * r + 1] + t[4 * r + 2];
                        s[4 * r + 2][at] = t[4 * r + 2] - t[4 * r + 1];
                        s[4 * r + 3][at] = t[4 * r + 1] - t[4 * r + 3];
                    }
                }
            }
            for (int xi = 0; xi < 16; xi++) {
                vb.put((xi * in + i) * tiles, s[xi], 0, tiles);
            }
        });
    }

    /** y[o] = ReLU(A^T M A + bias) per 2x2 block. */
    private static void outputTransform(FloatBuffer mb, FloatBuffer yb, float[] bias, int out, int h, int w) {
        int tw = w / 2;
        int tiles = h * w / 4;
        NativeArrays.parallel(out, o -> {
            float[][] m = scratch(h * w);
            for (int xi = 0; xi < 16; xi++) {
                mb.get((xi * out + o) * tiles, m[xi], 0, tiles);
            }
            float[] plane = m[16];
            for (int ty = 0; ty < h / 2; ty++) {
                for (int tx = 0; tx < tw; tx++) {
                    int t = ty * tw + tx;
                    float a0 = m[0][t] + m[4][t] + m[8][t];
                    float a1 = m[1][t] + m[5][t] + m[9][t];
                    float a2 = m[2][t] + m[6][t] + m[10][t];
                    float a3 = m[3][t] + m[7][t] + m[11][t];
                    float b0 = m[4][t] - m[8][t] - m[12][t];
                    float b1 = m[5][t] - m[9][t] - m[13][t];
                    float b2 = m[6][t] - m[10][t] - m[14][t];
                    float b3 = m[7][t] - m[11][t] - m[15][t];
                    int p = 2 * ty * w + 2 * tx;
                    plane[p] = Math.max(a0 + a1 + a2 + bias[o], 0f);
                    plane[p + 1] = Math.max(a1 - a2 - a3 + bias[o], 0f);
                    plane[p + w] = Math.max(b0 + b1 + b2 + bias[o], 0f);
                    plane[p + w + 1] = Math.max(b1 - b2 - b3 + bias[o], 0f);
                }
            }
            yb.put(o * h * w, plane, 0, h * w);
        });
    }
}
