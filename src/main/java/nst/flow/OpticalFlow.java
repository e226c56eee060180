package nst.flow;

import boofcv.abst.flow.DenseOpticalFlow;
import boofcv.alg.flow.ConfigBroxWarping;
import boofcv.factory.flow.FactoryDenseOpticalFlow;
import boofcv.struct.flow.ImageFlow;
import boofcv.struct.image.GrayF32;
import nst.core.FlowField;
import nst.core.RgbImage;

/**
 * Dense optical flow between two frames, by BoofCV's Brox et al. warping method on the frames'
 * luminance: the one place the project meets BoofCV, so the engine sees flow fields only.
 * Vectors BoofCV marks invalid become 0 (no motion).
 */
public final class OpticalFlow {
    private OpticalFlow() { }

    /** The flow from {@code from} to {@code to} (same size): pixel p of {@code from} is at p + flow(p) in {@code to}. */
    public static FlowField between(RgbImage from, RgbImage to) {
        if (from.width() != to.width() || from.height() != to.height()) {
            throw new IllegalArgumentException("frames of different sizes: " + from.width() + "x" + from.height() + " and " + to.width() + "x"
                    + to.height());
        }
        DenseOpticalFlow<GrayF32> flow = FactoryDenseOpticalFlow.broxWarping(new ConfigBroxWarping(), GrayF32.class);
        ImageFlow out = new ImageFlow(from.width(), from.height());
        flow.process(gray(from), gray(to), out);
        int n = from.width() * from.height();
        float[] u = new float[n];
        float[] v = new float[n];
        for (int y = 0; y < from.height(); y++) {
            for (int x = 0; x < from.width(); x++) {
                ImageFlow.D d = out.get(x, y);
                if (d.isValid()) {
                    u[y * from.width() + x] = d.x;
                    v[y * from.width() + x] = d.y;
                }
            }
        }
        return new FlowField(from.width(), from.height(), u, v);
    }

    /** Luminance (BT.601) in 0..255. */
    private static GrayF32 gray(RgbImage img) {
        GrayF32 g = new GrayF32(img.width(), img.height());
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                g.set(x, y, 255f * (0.299f * img.get(0, x, y) + 0.587f * img.get(1, x, y) + 0.114f * img.get(2, x, y)));
            }
        }
        return g;
    }
}
