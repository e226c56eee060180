package nst.core;

import java.nio.FloatBuffer;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Java loops over the float32 values of ND4J arrays, read and written in place in native memory
 * through NIO buffers. For the few computations that ND4J runs slowly because they are many small
 * strided operations (total variation, pooling windows: see BENCHMARKS.md), not for what one BLAS
 * or oneDNN call does well.
 */
public final class NativeFloats {
    private static final ForkJoinPool POOL = new ForkJoinPool(Math.max(1, Nd4j.getEnvironment().maxThreads()));

    private NativeFloats() { }

    /** Whether {@link #buffer} can give the array's values: float32, 'c' order, its own buffer from the start. */
    public static boolean direct(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.ordering() == 'c' && !a.isView() && a.offset() == 0
                && a.data().length() == a.length();
    }

    /** The array itself when {@link #direct}, else a float32 'c'-order copy (which the caller closes). */
    public static INDArray directOrCopy(INDArray a) {
        return direct(a) ? a : a.castTo(DataType.FLOAT).dup('c');
    }

    /** The array's values, element i at buffer index i (row-major); writes go to the array. */
    public static FloatBuffer buffer(INDArray a) {
        if (!direct(a)) {
            throw new IllegalArgumentException("not a float32 'c'-order array with its own buffer: " + a.shapeInfoToString());
        }
        return a.data().asNioFloat();
    }

    /** Runs {@code task} for 0 .. n-1, in parallel on as many threads as ND4J uses. */
    public static void parallel(int n, IntConsumer task) {
        if (n <= 1) {
            for (int i = 0; i < n; i++) {
                task.accept(i);
            }
            return;
        }
        POOL.submit(() -> IntStream.range(0, n).parallel().forEach(task)).join();
    }
}
