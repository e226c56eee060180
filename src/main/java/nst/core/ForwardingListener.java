package nst.core;

/** Passes every event on to another listener; front ends override what they handle themselves (frames, for one). */
public class ForwardingListener implements ProgressListener {
    private final ProgressListener next;

    public ForwardingListener(ProgressListener next) {
        this.next = next;
    }

    @Override
    public void onStatus(String message) {
        next.onStatus(message);
    }

    @Override
    public void onIteration(Progress progress) {
        next.onIteration(progress);
    }

    @Override
    public void onTransfer(String what, long done, long total, double bytesPerSecond) {
        next.onTransfer(what, done, total, bytesPerSecond);
    }

    @Override
    public void onPreview(RgbImage image, int iteration) {
        next.onPreview(image, iteration);
    }

    @Override
    public void onFrame(RgbImage frame, int number) {
        next.onFrame(frame, number);
    }
}
