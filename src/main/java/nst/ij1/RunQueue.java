package nst.ij1;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * ImageJ's style transfers run one at a time, in the order they were started: a second run
 * waits behind the first and says so ("waiting: 1 run ahead"), so the two never share the status
 * line, Esc or the free memory that a run's plan is fitted to.
 */
final class RunQueue {
    private static final Semaphore TURN = new Semaphore(1, true);
    private static final AtomicInteger QUEUED = new AtomicInteger();
    private static final long POLL_MS = 500;

    private RunQueue() { }

    /** A turn to run; closing it lets the next run go. */
    interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits for this run's turn; {@code waiting} is told the number of runs ahead when the wait
     * begins and whenever it changes (not at all when none is ahead). Throws InterruptedException if the waiting thread is interrupted.
     */
    static Turn await(IntConsumer waiting) throws InterruptedException {
        int ahead = QUEUED.getAndIncrement();
        int said = 0;
        try {
            while (!TURN.tryAcquire(POLL_MS, TimeUnit.MILLISECONDS)) {
                ahead = Math.max(1, Math.min(ahead, QUEUED.get() - 1));
                if (ahead != said) { // once, and again when a run ahead finishes: the running one owns the status line
                    waiting.accept(ahead);
                    said = ahead;
                }
            }
        } catch (InterruptedException e) {
            QUEUED.decrementAndGet();
            throw e;
        }
        return () -> {
            QUEUED.decrementAndGet();
            TURN.release();
        };
    }
}
