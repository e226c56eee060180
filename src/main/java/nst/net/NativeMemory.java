package nst.net;

/**
 * ND4J's native memory that only the Java garbage collector frees: some of it (op contexts, shape
 * buffers) is released when the Java objects holding it are collected, which a busy engine with
 * a quiet Java heap would seldom trigger. The engine calls {@link #reclaim} as it runs.
 */
public final class NativeMemory {
    private NativeMemory() { }

    /** Runs a collection, which frees the native memory of unreachable ND4J objects. */
    public static void reclaim() {
        System.gc();
    }
}
