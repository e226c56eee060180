package nst.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import nst.core.CancellationToken;
import nst.core.FlowField;
import nst.core.ProgressListener;
import nst.core.Resample;
import nst.core.RgbImage;
import nst.core.StyleTransferResult;
import nst.core.TemporalMode;
import nst.core.TemporalTarget;
import nst.core.Warp;
import nst.flow.OpticalFlow;

/**
 * A sequence of frames (a time-lapse, a video, a stack) stylized one after the other with a
 * {@link PreparedRun}, tied together as {@code temporal} says: each frame after the first starts
 * from the previous result (warped along the optical flow of the input frames with init and
 * full), and with full a temporal loss holds it to that warped result where the flow is
 * consistent (Ruder, Dosovitskiy and Brox, GCPR 2016); with init and full those frames run at the
 * final scale only. For every pair of frames it measures the
 * flicker of the result and of the input (see {@link Warp#flicker}).
 */
public final class TimeLapse {
    /** One finished frame: the result, its flicker against the previous result and the input's own (NaN for the first frame). */
    public record Frame(int index, StyleTransferResult result, double flicker, double inputFlicker) {
        Stats stats() {
            return new Stats(index, flicker, inputFlicker, result.losses().isEmpty() ? Double.NaN : result.losses().get(0).total(),
                    result.finalLosses().total(), result.cancelled());
        }
    }

    /** What the summary keeps of a frame (its image goes to the sink only, so a long sequence is not held in memory). */
    public record Stats(int index, double flicker, double inputFlicker, double firstLoss, double finalLoss, boolean cancelled) { }

    /** Receives each frame as it is finished. */
    public interface Sink {
        void accept(Frame frame);
    }

    /**
     * The run's frames (when cancelled: those finished, then the stopped one's best image so far)
     * and the mean flickers over the frame pairs.
     */
    public record Summary(List<Stats> frames, boolean cancelled) {
        public double meanFlicker() {
            return frames.stream().skip(1).mapToDouble(Stats::flicker).average().orElse(Double.NaN);
        }

        public double meanInputFlicker() {
            return frames.stream().skip(1).mapToDouble(Stats::inputFlicker).average().orElse(Double.NaN);
        }
    }

    private final PreparedRun run;
    private final PreparedRun later;
    private final TemporalMode mode;
    private final double temporalWeight;

    public TimeLapse(PreparedRun run, TemporalMode mode, double temporalWeight) {
        this.run = run;
        // a frame that starts from the previous result needs no coarse scales: down and up again they would blur the strokes it keeps
        this.later = mode == TemporalMode.OFF ? run : run.withParams(run.params().toBuilder().scales(1).build());
        this.mode = mode;
        this.temporalWeight = temporalWeight;
    }

    /** The motion from one input frame to the next: the flow back to the previous one, and where it is consistent. */
    record Motion(FlowField back, float[] consistent) {
        static Motion between(RgbImage previous, RgbImage next) {
            FlowField back = OpticalFlow.between(next, previous);
            return new Motion(back, Warp.consistency(back, OpticalFlow.between(previous, next)));
        }

        /** The flicker of {@code frame} against {@code previousFrame} brought along this motion. */
        double flicker(RgbImage previousFrame, RgbImage frame) {
            return Warp.flicker(frame, Warp.warp(previousFrame, back), consistent);
        }
    }

    /**
     * The mean flicker of {@code results} (frames stylized in any way) over the motion of their
     * {@code inputs}: the measure of {@link #run}, for frames made otherwise (each on its own).
     */
    public static double meanFlicker(List<RgbImage> inputs, List<RgbImage> results) {
        double sum = 0;
        for (int k = 1; k < inputs.size(); k++) {
            sum += Motion.between(inputs.get(k - 1), inputs.get(k)).flicker(results.get(k - 1), results.get(k));
        }
        return sum / (inputs.size() - 1);
    }

    /** {@code count} frames made by {@code frame} as they are read (a long sequence is not held in memory). */
    public static List<RgbImage> lazily(int count, IntFunction<RgbImage> frame) {
        return new java.util.AbstractList<>() {
            @Override
            public RgbImage get(int k) {
                return frame.apply(k);
            }

            @Override
            public int size() {
                return count;
            }
        };
    }

    /** A frame a pixel off after resizing, brought to the others' size; a frame of another shape is refused. */
    private static RgbImage sameShape(RgbImage frame, RgbImage previous, int k) {
        double ratio = (double) frame.width() / frame.height() / ((double) previous.width() / previous.height());
        if (Math.abs(ratio - 1) > 0.01) {
            throw new nst.core.BadInputException("Frame " + (k + 1) + " is " + frame.width() + "x" + frame.height() + " at the run's size, the frames"
                    + " before it " + previous.width() + "x" + previous.height() + "; the frames of a sequence must have one shape.");
        }
        return Resample.resize(frame, previous.width(), previous.height());
    }

    /** The mode and weight the run's options ask for ({@code temporal}, {@code temporal_weight}). */
    public static TimeLapse of(PreparedRun run) {
        return new TimeLapse(run, run.values().temporal(), run.values().temporalWeight(run.params().styleWeight()));
    }

    /**
     * Stylizes {@code frames} (at the prepared content's size: {@link nst.convert.Inputs#content}),
     * the first from the run's own start; {@code progress} gives the listener of frame k (0-based).
     */
    public Summary run(List<RgbImage> frames, IntFunction<ProgressListener> progress, CancellationToken cancel, Sink sink) {
        List<Stats> done = new ArrayList<>();
        RgbImage previousInput = null;
        RgbImage previous = null;
        for (int k = 0; k < frames.size(); k++) {
            RgbImage input = frames.get(k);
            if (previousInput != null && (input.width() != previousInput.width() || input.height() != previousInput.height())) {
                input = sameShape(input, previousInput, k);
            }
            Frame f;
            if (previous == null) {
                f = new Frame(k, run.run(input, run.start(), Optional.empty(), progress.apply(k), cancel), Double.NaN, Double.NaN);
            } else {
                Motion motion = Motion.between(previousInput, input);
                RgbImage warped = Warp.warp(previous, motion.back());
                Optional<RgbImage> start = Optional.of(mode == TemporalMode.OFF ? previous : warped);
                Optional<TemporalTarget> temporal = mode == TemporalMode.FULL
                        ? Optional.of(new TemporalTarget(warped, motion.consistent(), temporalWeight)) : Optional.empty();
                StyleTransferResult r = later.run(input, start, temporal, progress.apply(k), cancel);
                f = new Frame(k, r, Warp.flicker(r.image(), warped, motion.consistent()), motion.flicker(previousInput, input));
            }
            done.add(f.stats());
            sink.accept(f);
            if (f.result().cancelled()) {
                return new Summary(done, true); // the stopped frame's best image so far is the last one
            }
            previousInput = input;
            previous = f.result().image();
        }
        return new Summary(done, false);
    }
}
