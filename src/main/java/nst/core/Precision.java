package nst.core;

/**
 * The arithmetic of the network's forward convolutions. The input gradient, the image, the losses,
 * the Gram matrices and the optimizer are float32 in every case; with bfloat16 the forward
 * convolutions read bfloat16 weights and activations and accumulate in float32, except in the
 * final scale's last {@link #fp32TailIterations} iterations, which run in float32.
 */
public enum Precision {
    /**
     * float32 for every network. bfloat16 rounds each activation to 8 significant bits (up to
     * 0.4% off), and the features and Gram matrices carry that error; once a run brings the style
     * residual down near it, bfloat16's losses stop following float32's. A bfloat16 run ends 4-9%
     * above float32's loss on VGG19 with random weights, 3-5% on a trained VGG19-shaped encoder,
     * and 7-28% with ten times its style weight (BENCHMARKS.md). bfloat16 is asked for with {@link #BF16}.
     */
    AUTO,
    FP32,
    /** bfloat16 forward convolutions; float32 on a CPU without native bfloat16 (emulating it is slower than float32). */
    BF16;

    /**
     * A bfloat16 run's final scale runs its last iterations / {@value} in float32 (for the reason
     * {@code nst.core.run.OptimisationRun} gives).
     */
    public static final int FP32_TAIL_DIVISOR = 4;

    public String key() { return EnumKeys.key(this); }

    /** How many of a bfloat16 run's final-scale iterations (of each tile) run in float32. */
    public static int fp32TailIterations(int iterations) {
        return iterations / FP32_TAIL_DIVISOR;
    }

    public static Precision parse(String s) {
        return EnumKeys.parse(Precision.class, s, "precision");
    }
}
