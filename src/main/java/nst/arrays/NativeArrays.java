package nst.arrays;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Access for Java loops to the values of ND4J arrays in native memory, through NIO buffers (the
 * loops copy a plane at a time in and out with bulk gets and puts: element access through the
 * buffers is 8x slower under the C1 compiler). For the few computations that ND4J runs slowly
 * because they are many small or strided operations (total variation, pooling gradients: see
 * BENCHMARKS.md), not for what one BLAS or oneDNN call does well.
 */
public final class NativeArrays {
    private static final ForkJoinPool POOL = new ForkJoinPool(Math.max(1, Nd4j.getEnvironment().maxThreads()));

    private NativeArrays() { }

    /** Whether the array is 'c' order in its own buffer from the start, so element i is buffer index i. */
    public static boolean direct(INDArray a) {
        return a.ordering() == 'c' && !a.isView() && a.offset() == 0 && a.data().length() == a.length();
    }

    /** The array itself when it is float32 and {@link #direct}, else a float32 'c'-order copy (which the caller closes). */
    public static INDArray directFloats(INDArray a) {
        return a.dataType() == DataType.FLOAT && direct(a) ? a : a.castTo(DataType.FLOAT).dup('c');
    }

    /** Closes {@code copy} when it is a copy {@link #directFloats} made of {@code original} (not the array itself, not null). */
    public static void closeCopy(INDArray copy, INDArray original) {
        if (copy != null && copy != original) {
            copy.close();
        }
    }

    /** A float32 {@link #direct} array's values, element i at index i; writes go to the array. */
    public static FloatBuffer floats(INDArray a) {
        check(a, DataType.FLOAT);
        onHost(a);
        return a.data().asNioFloat();
    }

    /** An int32 {@link #direct} array's values, element i at index i; writes go to the array. */
    public static IntBuffer ints(INDArray a) {
        check(a, DataType.INT);
        onHost(a);
        return a.data().asNioInt();
    }

    /**
     * On a GPU backend (the cuda build profile) an array's newest values may be in GPU memory:
     * this copies them to the host buffer that the NIO views read, and marks the host copy as the
     * newest, so that the next GPU operation on the array first copies over what a Java loop
     * wrote. The loops finish before the caller runs another ND4J operation. On the CPU backend
     * both calls do nothing.
     */
    private static void onHost(INDArray a) {
        AffinityManager m = Nd4j.getAffinityManager();
        m.ensureLocation(a, AffinityManager.Location.HOST);
        m.tagLocation(a, AffinityManager.Location.HOST);
    }

    private static void check(INDArray a, DataType type) {
        if (a.dataType() != type || !direct(a)) {
            throw new IllegalArgumentException("not a " + type + " 'c'-order array with its own buffer: " + a.shapeInfoToString());
        }
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
