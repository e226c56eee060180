package nst.core;

/** Polled by the engine once per iteration; front ends map Esc, Ctrl-C or a button to it. */
@FunctionalInterface
public interface CancellationToken {
    CancellationToken NEVER = () -> false;

    boolean isCancelled();
}
