package nst.net;

import org.deeplearning4j.config.DL4JClassLoading;
import org.nd4j.common.config.ND4JClassLoading;

/**
 * ND4J finds its native backend and its ops through a class loader that is, by default, the
 * thread's context class loader. Inside ImageJ/Fiji the plugin's jars are loaded by ImageJ's
 * plugin class loader, which the context loader cannot see, and users get "No ND4J backend is
 * available". Every entry point calls {@link #useClassLoaderOf} before the first ND4J call.
 */
public final class Nd4jClassLoader {
    private Nd4jClassLoader() { }

    /** Points ND4J, DL4J and the current thread at the class loader that loaded {@code anchor}. */
    public static void useClassLoaderOf(Class<?> anchor) {
        ClassLoader cl = anchor.getClassLoader();
        ND4JClassLoading.setNd4jClassloader(cl);
        DL4JClassLoading.setDl4jClassloader(cl);
        Thread.currentThread().setContextClassLoader(cl);
    }
}
