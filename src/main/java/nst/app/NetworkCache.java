package nst.app;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import nst.core.FeatureNetwork;

/**
 * Networks loaded once and shared by the runs that name the same model in the same models folder:
 * a batch worker (a Spark executor) resolves, hash-checks and loads each model once, not once per
 * image. A network is read-only once loaded, so concurrent runs may share it. Runs built without a
 * cache load their model each time (an ImageJ user may replace a file between runs).
 */
public final class NetworkCache {
    private static final NetworkCache PER_JVM = new NetworkCache();

    private final Map<String, FeatureNetwork> networks = new ConcurrentHashMap<>();
    private final AtomicInteger loads = new AtomicInteger();

    /** The cache every batch task of this JVM shares. */
    public static NetworkCache perJvm() {
        return PER_JVM;
    }

    FeatureNetwork get(String model, ModelSource source, Supplier<FeatureNetwork> load) {
        return networks.computeIfAbsent(model + "\n" + source.dir().toAbsolutePath().normalize(), k -> {
            FeatureNetwork net = load.get(); // a model that fails to load is not kept: the next run tries again
            loads.incrementAndGet();
            return net;
        });
    }

    /** How many models this cache has resolved, verified and loaded. */
    public int loads() {
        return loads.get();
    }
}
