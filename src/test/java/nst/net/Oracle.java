package nst.net;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Plain-loop reference implementations of the network operations (double precision). */
final class Oracle {
    private Oracle() { }

    static double[][][] preprocessCaffe(INDArray rgb255, double b, double g, double r) {
        int h = (int) rgb255.size(2);
        int w = (int) rgb255.size(3);
        double[] mean = {b, g, r};
        double[][][] out = new double[3][h][w];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[c][y][x] = rgb255.getDouble(0, 2 - c, y, x) - mean[c];
                }
            }
        }
        return out;
    }

    static double[][][] convRelu(double[][][] in, ConvWeights wts, int stride, int pad) {
        int k = wts.kernelSize();
        int cin = in.length;
        int h = in[0].length;
        int w = in[0][0].length;
        int oh = (h + 2 * pad - k) / stride + 1;
        int ow = (w + 2 * pad - k) / stride + 1;
        int cout = (int) wts.outChannels();
        double[][][] out = new double[cout][oh][ow];
        for (int o = 0; o < cout; o++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    double s = wts.bias().getDouble(o);
                    for (int i = 0; i < cin; i++) {
                        for (int dy = 0; dy < k; dy++) {
                            for (int dx = 0; dx < k; dx++) {
                                int yy = y * stride + dy - pad;
                                int xx = x * stride + dx - pad;
                                if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                                    s += in[i][yy][xx] * wts.kernelHwio().getDouble(dy, dx, i, o);
                                }
                            }
                        }
                    }
                    out[o][y][x] = Math.max(0, s);
                }
            }
        }
        return out;
    }

    static double[][][] maxPool(double[][][] in, int k, int s) {
        int h = (in[0].length - k) / s + 1;
        int w = (in[0][0].length - k) / s + 1;
        double[][][] out = new double[in.length][h][w];
        for (int c = 0; c < in.length; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int dy = 0; dy < k; dy++) {
                        for (int dx = 0; dx < k; dx++) {
                            m = Math.max(m, in[c][y * s + dy][x * s + dx]);
                        }
                    }
                    out[c][y][x] = m;
                }
            }
        }
        return out;
    }

    static double maxRelError(double[][][] ref, INDArray got) {
        double maxRef = 1e-12;
        double maxErr = 0;
        for (int c = 0; c < ref.length; c++) {
            for (int y = 0; y < ref[0].length; y++) {
                for (int x = 0; x < ref[0][0].length; x++) {
                    maxRef = Math.max(maxRef, Math.abs(ref[c][y][x]));
                    maxErr = Math.max(maxErr, Math.abs(ref[c][y][x] - got.getDouble(0, c, y, x)));
                }
            }
        }
        return maxErr / maxRef;
    }
}
