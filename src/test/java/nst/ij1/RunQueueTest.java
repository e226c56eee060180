package nst.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A second run waits behind the first, says how many runs are ahead, and starts when the first ends. */
class RunQueueTest {
    @Test
    void aSecondRunWaitsItsTurnAndSaysSo() throws Exception {
        List<Integer> said = new CopyOnWriteArrayList<>();
        CountDownLatch secondRuns = new CountDownLatch(1);
        Thread second;
        try (RunQueue.Turn first = RunQueue.await(ahead -> said.add(-1))) {
            second = new Thread(() -> {
                try (RunQueue.Turn t = RunQueue.await(said::add)) {
                    secondRuns.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            second.start();
            assertFalse(secondRuns.await(1200, TimeUnit.MILLISECONDS), "the second run waits while the first runs");
            assertTrue(!said.isEmpty() && said.stream().allMatch(n -> n == 1), "it says: 1 run ahead " + said);
        }
        assertTrue(secondRuns.await(5, TimeUnit.SECONDS), "the second run starts when the first ends");
        second.join(5000);
        try (RunQueue.Turn again = RunQueue.await(ahead -> said.add(99))) {
            assertFalse(said.contains(99), "with none ahead, no waiting is said");
        }
        assertEquals(1, (int) said.get(0));
    }
}
