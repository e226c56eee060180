package nst.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Path;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nst.convert.Images;
import nst.core.CancellationToken;
import nst.core.ProgressListener;
import nst.testutil.KerasH5Writer;
import nst.testutil.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's result is the same alone or beside another run in the same JVM (two ImageJ dialogs,
 * two script threads): no state that changes the arithmetic is shared between runs.
 */
class ConcurrentRunsTest {
    @TempDir
    Path tmp;

    private static float[] run(Path model, long contentSeed, long styleSeed) {
        return NeuralStyle.builder()
                .content(Images.toImagePlus(TestImages.pattern(64, 48, contentSeed), "c"))
                .style(Images.toImagePlus(TestImages.pattern(48, 48, styleSeed), "s"))
                .model(model.toString()).size(48).iterations(10).seed(7).option("init", "noise").option("pooling", "avg")
                .build().run(ProgressListener.NONE, CancellationToken.NEVER).image().planarRgb();
    }

    @Test
    void aRunGivesTheSamePixelsAloneAndBesideAnother() throws Exception {
        Path model = tmp.resolve("vgg.h5");
        KerasH5Writer.write(model, KerasH5Writer.vgg(19, new int[] {8, 8, 8, 8, 8}), 4);
        float[] aloneA = run(model, 1, 2);
        float[] aloneB = run(model, 3, 4);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2; round++) {
                CyclicBarrier go = new CyclicBarrier(2);
                Future<float[]> a = pool.submit(() -> {
                    go.await();
                    return run(model, 1, 2);
                });
                Future<float[]> b = pool.submit(() -> {
                    go.await();
                    return run(model, 3, 4);
                });
                assertArrayEquals(aloneA, a.get(), "run A beside run B, round " + round);
                assertArrayEquals(aloneB, b.get(), "run B beside run A, round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
