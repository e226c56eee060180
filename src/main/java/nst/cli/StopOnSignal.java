package nst.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import nst.core.CancellationToken;

/**
 * Ctrl-C and SIGTERM during a run: a shutdown hook cancels the run, which stops at its next
 * iteration, and then waits (at most {@link #GRACE_SECONDS}) until the command line has written
 * the best image so far; the JVM then exits with the signal's status (130, 143).
 */
final class StopOnSignal implements CancellationToken, AutoCloseable {
    static final int GRACE_SECONDS = 30;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stop, "nst-stop-on-signal");

    StopOnSignal() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public boolean isCancelled() {
        return stopped.get();
    }

    private void stop() {
        stopped.set(true);
        try {
            finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The run and its writing are over: a signal now needs nothing more. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that the latch is open
        }
    }
}
