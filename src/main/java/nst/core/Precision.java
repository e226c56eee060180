package nst.core;

/**
 * The arithmetic of the network's forward convolutions. The input gradient, the image, the losses,
 * the Gram matrices and the optimizer are float32 in every case; with bfloat16 the forward
 * convolutions read bfloat16 weights and activations and accumulate in float32.
 */
public enum Precision {
    /** bfloat16 where the CPU runs it natively (AVX512-BF16 or AMX), else float32. */
    AUTO,
    FP32,
    /** bfloat16 forward convolutions; float32 on a CPU without native bfloat16 (emulating it is slower than float32). */
    BF16;

    public String key() { return EnumKeys.key(this); }

    public static Precision parse(String s) {
        return EnumKeys.parse(Precision.class, s, "precision");
    }
}
