import java.util.Locale;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Probe, not part of the build (ninth session, BENCHMARKS.md): the style loss's matrix products
 * at VGG19's 256 px shapes (the Gram matrix F F^T and the gradient D F, F = [channels, pixels])
 * three ways: ND4J's gemm (the engine's: libnd4j's matmul op, which its oneDNN build hands to
 * oneDNN's matmul), oneDNN's sgemm called directly, and OpenBLAS's cblas_sgemm called directly
 * (the library ND4J loads). Then how long 2-thread oneDNN work takes right after each kind of
 * product: OpenBLAS's own threads keep spinning for a while after a call.
 */
public final class GemmProbe {
    private GemmProbe() { }

    private static FloatPointer at(INDArray a) {
        long first = a.data().address() + a.offset() * Float.BYTES;
        return new FloatPointer(new Pointer() {
            {
                address = first;
            }
        });
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Nd4j.create(DataType.FLOAT, 1).close(); // ND4J's natives (OpenBLAS, libgomp) before the preset's
        Loader.load(dnnl.class);
        System.out.println("PROBE OpenBLAS threads " + openblas.blas_get_num_threads());
        int[][] shapes = {{64, 65536}, {128, 16384}, {256, 4096}, {512, 1024}, {512, 256}};
        double[] sum = new double[3];
        for (int[] s : shapes) {
            int n = s[0];
            int m = s[1];
            INDArray f = Nd4j.rand(DataType.FLOAT, n, m);
            INDArray d = Nd4j.rand(DataType.FLOAT, n, n);
            INDArray gram = Nd4j.create(DataType.FLOAT, n, n);
            INDArray grad = Nd4j.create(DataType.FLOAT, n, m);
            FloatPointer pf = at(f);
            FloatPointer pd = at(d);
            FloatPointer pGram = at(gram);
            FloatPointer pGrad = at(grad);
            double[] ms = new double[3];
            for (int way = 0; way < 3; way++) {
                long total = 0;
                for (int r = 0; r < reps + 3; r++) {
                    long t0 = System.nanoTime();
                    if (way == 0) {
                        Nd4j.gemm(f, f, gram, false, true, 1.0, 0.0);
                        Nd4j.gemm(d, f, grad, false, false, 1.0, 0.0);
                    } else if (way == 1) {
                        dnnl.dnnl_sgemm((byte) 'N', (byte) 'T', n, n, m, 1f, pf, m, pf, m, 0f, pGram, n);
                        dnnl.dnnl_sgemm((byte) 'N', (byte) 'N', n, m, n, 1f, pd, n, pf, m, 0f, pGrad, m);
                    } else {
                        openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasTrans, n, n, m, 1f, pf, m, pf, m, 0f, pGram, n);
                        openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, n, m, n, 1f, pd, n, pf, m, 0f, pGrad, m);
                    }
                    if (r >= 3) {
                        total += System.nanoTime() - t0;
                    }
                }
                ms[way] = total / 1e6 / reps;
                sum[way] += ms[way];
            }
            System.out.printf(Locale.ROOT, "PROBE %3d x %5d  Gram + gradient: ND4J %6.2f  oneDNN sgemm %6.2f  OpenBLAS %6.2f ms%n", n, m, ms[0], ms[1], ms[2]);
            java.lang.ref.Reference.reachabilityFence(new Object[] {f, d, gram, grad});
        }
        System.out.printf(Locale.ROOT, "PROBE all five layers: ND4J %.1f  oneDNN sgemm %.1f  OpenBLAS %.1f ms%n", sum[0], sum[1], sum[2]);
        after(reps);
    }

    /** A conv-sized oneDNN sgemm (256 x 2304 x 4096, 2 threads) right after a Gram product of each kind. */
    private static void after(int reps) {
        INDArray a = Nd4j.rand(DataType.FLOAT, 256, 2304);
        INDArray b = Nd4j.rand(DataType.FLOAT, 2304, 4096);
        INDArray c = Nd4j.create(DataType.FLOAT, 256, 4096);
        INDArray f = Nd4j.rand(DataType.FLOAT, 128, 16384);
        INDArray g = Nd4j.create(DataType.FLOAT, 128, 128);
        String[] names = {"ND4J", "oneDNN sgemm", "OpenBLAS"};
        for (int round = 0; round < 2; round++) {
            for (int way = 0; way < 3; way++) {
                long total = 0;
                for (int r = 0; r < reps; r++) {
                    if (way == 0) {
                        Nd4j.gemm(f, f, g, false, true, 1.0, 0.0);
                    } else if (way == 1) {
                        dnnl.dnnl_sgemm((byte) 'N', (byte) 'T', 128, 128, 16384, 1f, at(f), 16384, at(f), 16384, 0f, at(g), 128);
                    } else {
                        openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasTrans, 128, 128, 16384, 1f, at(f), 16384, at(f), 16384, 0f, at(g), 128);
                    }
                    long t0 = System.nanoTime();
                    dnnl.dnnl_sgemm((byte) 'N', (byte) 'N', 256, 4096, 2304, 1f, at(a), 2304, at(b), 4096, 0f, at(c), 4096);
                    total += System.nanoTime() - t0;
                }
                System.out.printf(Locale.ROOT, "PROBE round %d: oneDNN work right after a product by %-12s %6.2f ms%n", round + 1, names[way], total / 1e6 / reps);
            }
        }
        java.lang.ref.Reference.reachabilityFence(new Object[] {a, b, c, f, g});
    }
}
