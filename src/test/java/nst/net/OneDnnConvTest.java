package nst.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import nst.net.onednn.OneDnn;
import nst.net.onednn.OneDnnConv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** oneDNN's convolutions, called directly, against libnd4j's conv2d on the same arrays. */
class OneDnnConvTest {

    /** libnd4j's conv2d (+ ReLU): what the engine ran before, and still runs where oneDNN does not. */
    private static INDArray reference(INDArray x, INDArray kernel, INDArray bias, int stride, int pad, boolean relu) {
        INDArray y = ArrayOps.conv2d(x.dup(), kernel, bias, stride, pad);
        return relu ? Transforms.relu(y, false) : y;
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertTrue(java.util.Arrays.equals(expected.shape(), actual.shape()), "shape");
        double scale = Math.max(1e-3, expected.amaxNumber().doubleValue());
        double diff = Transforms.abs(expected.sub(actual)).maxNumber().doubleValue();
        assertTrue(diff <= 1e-5 * scale, "largest difference " + diff + " against values up to " + scale);
    }

    private static INDArray kernel(int k, int in, int out) {
        return Nd4j.rand(DataType.FLOAT, k, k, in, out).subi(0.5);
    }

    @Test
    void loadsOnLinuxX86() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64"));
        assertTrue(OneDnn.available(), OneDnn.status());
        assertTrue(OneDnn.status().startsWith("oneDNN 2.5"), OneDnn.status());
    }

    @ParameterizedTest
    @CsvSource({
        // in, out, kernel, stride, pad, relu, bias, height, width
        "3, 8, 3, 1, 1, true, true, 9, 11",    // a first layer: RGB in, no reorder of the input
        "8, 16, 3, 1, 1, true, true, 12, 7",
        "16, 8, 3, 1, 1, false, false, 7, 7",  // an input gradient's convolution: no bias, no ReLU
        "8, 16, 3, 2, 0, true, true, 13, 10",  // SqueezeNet's first layer: stride 2, no padding
        "24, 16, 1, 1, 0, false, true, 5, 6"
    })
    void sameAsLibnd4j(int in, int out, int k, int stride, int pad, boolean relu, boolean withBias, int h, int w) {
        assumeTrue(OneDnn.available(), OneDnn.status());
        INDArray kernel = kernel(k, in, out);
        INDArray bias = withBias ? Nd4j.rand(DataType.FLOAT, out) : null;
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, in, h, w).subi(0.5);
        OneDnnConv conv = new OneDnnConv(kernel, bias, stride, pad, relu);
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, 1, out, conv.outSide(h), conv.outSide(w));
        assertClose(reference(x, kernel, bias, stride, pad, relu), conv.run(x, y));
    }

    /** Rounds to the nearest bfloat16 (ties to even), as oneDNN's reorder into bfloat16 does. */
    private static INDArray bf16(INDArray a) {
        float[] v = a.dup().data().asFloat();
        for (int i = 0; i < v.length; i++) {
            int b = Float.floatToRawIntBits(v[i]);
            v[i] = Float.intBitsToFloat((b + 0x7fff + ((b >> 16) & 1)) & 0xffff0000);
        }
        return Nd4j.create(v, a.shape(), 'c');
    }

    /**
     * A bfloat16 convolution is the float32 convolution of its input and weights rounded to
     * bfloat16 (8-bit mantissa), summed in float32; so it differs from the float32 one by about
     * what that rounding allows.
     */
    @ParameterizedTest
    @CsvSource({"64, 64, 3, 1, 1, true, true, 12, 9", "32, 16, 3, 1, 1, false, false, 9, 9", "16, 64, 3, 2, 0, true, true, 13, 10"})
    void bf16IsTheFloat32ConvolutionOfBf16RoundedOperands(int in, int out, int k, int stride, int pad, boolean relu, boolean withBias, int h,
                                                           int w) {
        assumeTrue(OneDnn.bf16Native(), "this CPU has no native bfloat16; the fp32 fallback is tested in Bf16ConvolutionTest");
        INDArray kernel = kernel(k, in, out);
        INDArray bias = withBias ? Nd4j.rand(DataType.FLOAT, out) : null;
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, in, h, w).subi(0.5);
        OneDnnConv conv = new OneDnnConv(kernel, bias, stride, pad, relu, true);
        INDArray y = conv.run(x, Nd4j.createUninitialized(DataType.FLOAT, 1, out, conv.outSide(h), conv.outSide(w)));
        assertClose(reference(bf16(x), bf16(kernel), bias, stride, pad, relu), y);
        INDArray full = reference(x, kernel, bias, stride, pad, relu);
        double rel = full.sub(y).norm2Number().doubleValue() / full.norm2Number().doubleValue();
        assertTrue(rel > 1e-5 && rel < 1.0 / 128, "relative difference from float32: " + rel);
    }

    @Test
    void readsAndWritesChannelRangesInPlaceAndNothingElse() {
        assumeTrue(OneDnn.available(), OneDnn.status());
        INDArray kernel = kernel(3, 8, 16);
        INDArray bias = Nd4j.rand(DataType.FLOAT, 16);
        INDArray xAll = Nd4j.rand(DataType.FLOAT, 1, 20, 9, 10);
        INDArray x = ArrayOps.channels(xAll, 5, 13); // an offset into a larger array
        INDArray yAll = Nd4j.valueArrayOf(new long[] {1, 40, 9, 10}, -7f, DataType.FLOAT);
        INDArray y = ArrayOps.channels(yAll, 16, 32);
        assertTrue(OneDnn.accepts(x) && OneDnn.accepts(y) && x.offset() > 0 && y.offset() > 0);
        new OneDnnConv(kernel, bias, 1, 1, true).run(x, y);
        assertClose(reference(x, kernel, bias, 1, 1, true), y);
        for (long[] range : new long[][] {{0, 16}, {32, 40}}) {
            INDArray rest = ArrayOps.channels(yAll, range[0], range[1]);
            assertEquals(-7.0, rest.minNumber().doubleValue());
            assertEquals(-7.0, rest.maxNumber().doubleValue(), "channels outside the range are left alone");
        }
    }

    @Test
    void runsOnArraysInAWorkspace() {
        assumeTrue(OneDnn.available(), OneDnn.status());
        INDArray kernel = kernel(3, 8, 8);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 8, 11, 11);
        INDArray expected = reference(x, kernel, null, 1, 1, false);
        OneDnnConv conv = new OneDnnConv(kernel, null, 1, 1, false);
        WorkspaceConfiguration c = WorkspaceConfiguration.builder().initialSize(1 << 20).build();
        for (int round = 0; round < 2; round++) {
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(c, "onednn-test")) {
                INDArray padding = Nd4j.create(DataType.FLOAT, 3); // so that x is not at the workspace's start
                INDArray xw = x.dup();
                INDArray y = Nd4j.createUninitialized(DataType.FLOAT, 1, 8, 11, 11);
                assertTrue(xw.isAttached() && y.isAttached());
                conv.run(xw, y);
                assertClose(expected, y);
                padding.close();
            }
        }
        Nd4j.getWorkspaceManager().destroyWorkspace(Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread("onednn-test"));
    }

    @Test
    void moreSizesThanPlansKeptStayCorrect() {
        assumeTrue(OneDnn.available(), OneDnn.status());
        INDArray kernel = kernel(3, 8, 8);
        INDArray bias = Nd4j.rand(DataType.FLOAT, 8);
        OneDnnConv conv = new OneDnnConv(kernel, bias, 1, 1, true);
        for (int side : new int[] {5, 6, 7, 8, 9, 10, 5, 10}) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 1, 8, side, side + 1);
            INDArray y = Nd4j.createUninitialized(DataType.FLOAT, 1, 8, side, side + 1);
            assertClose(reference(x, kernel, bias, 1, 1, true), conv.run(x, y));
        }
    }

    @Test
    void scratchBuffersAreFreedOnRequest() {
        assumeTrue(OneDnn.available(), OneDnn.status());
        INDArray kernel = kernel(3, 16, 16);
        new OneDnnConv(kernel, null, 1, 1, false).run(Nd4j.rand(DataType.FLOAT, 1, 16, 9, 9), Nd4j.create(DataType.FLOAT, 1, 16, 9, 9));
        assertTrue(OneDnn.scratchBytes() >= 2 * 16 * 9 * 9 * 4, "the blocked input and output: " + OneDnn.scratchBytes());
        OneDnn.releaseScratch();
        assertEquals(0, OneDnn.scratchBytes());
    }

    /** Two runs at once (two ImageJ windows) share the layers' plans and the scratch buffers: calls take turns. */
    @Test
    void twoThreadsAtOnceGetTheirOwnResults() throws Exception {
        assumeTrue(OneDnn.available(), OneDnn.status());
        INDArray kernel = kernel(3, 16, 16);
        INDArray bias = Nd4j.rand(DataType.FLOAT, 16);
        OneDnnConv conv = new OneDnnConv(kernel, bias, 1, 1, true);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.List<java.util.concurrent.Future<Double>> diffs = new java.util.ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int side = 9 + 4 * t; // each thread its own size: plans made and used side by side
                diffs.add(pool.submit(() -> {
                    double worst = 0;
                    for (int i = 0; i < 20; i++) {
                        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 16, side, side);
                        INDArray y = conv.run(x, Nd4j.createUninitialized(DataType.FLOAT, 1, 16, side, side));
                        INDArray expected = reference(x, kernel, bias, 1, 1, true);
                        worst = Math.max(worst, Transforms.abs(expected.sub(y)).maxNumber().doubleValue() / expected.amaxNumber().doubleValue());
                    }
                    return worst;
                }));
            }
            for (java.util.concurrent.Future<Double> d : diffs) {
                assertTrue(d.get(60, java.util.concurrent.TimeUnit.SECONDS) <= 1e-5, "relative difference " + d.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A network loaded for each run (as the ImageJ plugin does) must not leave oneDNN's primitives behind. */
    @Test
    void theNativesOfAnUnreachableConvolutionAreFreed() throws InterruptedException {
        assumeTrue(OneDnn.available(), OneDnn.status());
        int before = OneDnnConv.livePlans();
        runAndDrop();
        assertTrue(OneDnnConv.livePlans() >= before + 2, "two plans made");
        for (int i = 0; i < 100 && OneDnnConv.livePlans() > before; i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertTrue(OneDnnConv.livePlans() <= before, "freed after collection: " + OneDnnConv.livePlans() + " plans, " + before + " before");
    }

    private static void runAndDrop() {
        OneDnnConv conv = new OneDnnConv(kernel(3, 8, 8), null, 1, 1, false);
        for (int side : new int[] {6, 7}) {
            conv.run(Nd4j.rand(DataType.FLOAT, 1, 8, side, side), Nd4j.create(DataType.FLOAT, 1, 8, side, side));
        }
    }

    @Test
    void refusesArraysItCannotAddressAndShapesThatDoNotFit() {
        assumeTrue(OneDnn.available(), OneDnn.status());
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 8, 9, 9);
        assertFalse(OneDnn.accepts(x.castTo(DataType.DOUBLE)), "float32 only");
        assertFalse(OneDnn.accepts(x.dup('f')), "'c' order only");
        assertFalse(OneDnn.accepts(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, 5), NDArrayIndex.all())),
                "rows of each channel are not contiguous");
        OneDnnConv conv = new OneDnnConv(kernel(3, 8, 16), null, 1, 1, false);
        assertThrows(IllegalArgumentException.class, () -> conv.run(x, Nd4j.create(DataType.FLOAT, 1, 16, 9, 8)));
        assertThrows(IllegalArgumentException.class, () -> conv.run(x, Nd4j.create(DataType.FLOAT, 1, 8, 9, 9)));
        assertThrows(IllegalArgumentException.class, () -> new OneDnnConv(kernel(3, 8, 16).castTo(DataType.DOUBLE), null, 1, 1, false));
    }

    /** The switch users have: -Dnst.onednn=false, or NST_ONEDNN=false; the layers then run on libnd4j with the same results. */
    @Test
    void switchedOffByPropertyOrEnvironment() throws Exception {
        assumeTrue(OneDnn.available(), OneDnn.status());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        String[][] commands = {
            {java, "-Dnst.onednn=false", "-cp", cp, SwitchCheck.class.getName()},
            {java, "-cp", cp, SwitchCheck.class.getName()}, // with NST_ONEDNN=false below
            {java, "-cp", cp, SwitchCheck.class.getName()}, // neither: on
        };
        for (int i = 0; i < commands.length; i++) {
            ProcessBuilder b = new ProcessBuilder(commands[i]).redirectErrorStream(true);
            b.environment().remove(OneDnn.ENV);
            if (i == 1) {
                b.environment().put(OneDnn.ENV, "false");
            }
            Process p = b.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            assertTrue(out.contains(i < 2 ? "STATUS off (" : "STATUS oneDNN"), out);
            assertTrue(out.contains("SAME true"), out);
        }
    }

    /** Another JVM: prints OneDnn's status and whether a layer gives libnd4j's result. */
    public static final class SwitchCheck {
        public static void main(String[] args) {
            INDArray kernel = kernel(3, 8, 16);
            INDArray bias = Nd4j.rand(DataType.FLOAT, 16);
            INDArray x = Nd4j.rand(DataType.FLOAT, 1, 8, 9, 9).subi(0.5);
            INDArray y = new Conv(new ConvWeights("c", kernel, bias), 1, 1, false, true).convolve(x, null);
            INDArray expected = reference(x, kernel, bias, 1, 1, true);
            System.out.println("STATUS " + OneDnn.status());
            System.out.println("SAME " + (Transforms.abs(expected.sub(y)).maxNumber().doubleValue() <= 1e-5 * expected.amaxNumber().doubleValue()));
        }
    }

    /** The layer's own path picks libnd4j for arrays oneDNN cannot address, with the same result. */
    @Test
    void aLayerFallsBackToLibnd4jForOtherArrays() {
        INDArray kernel = kernel(3, 8, 16);
        INDArray bias = Nd4j.rand(DataType.FLOAT, 16);
        Conv layer = new Conv(new ConvWeights("c", kernel, bias), 1, 1, false, true);
        INDArray big = Nd4j.rand(DataType.FLOAT, 1, 8, 12, 9).subi(0.5);
        INDArray rows = big.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(2, 11), NDArrayIndex.all());
        assertFalse(OneDnn.accepts(rows));
        INDArray viaView = layer.convolve(rows, null);
        INDArray viaCopy = layer.convolve(rows.dup(), null);
        assertClose(reference(rows, kernel, bias, 1, 1, true), viaView);
        assertClose(viaCopy, viaView);
    }
}
