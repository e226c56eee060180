package nst.bench;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ImageProcessor;

/**
 * {@code ResizePng IN OUT SIZE}: the image IN resized once by ImageJ (bicubic) to SIZE pixels on
 * its longest side, saved as the PNG OUT; the benchmark scripts give the same pixels to the PyTorch
 * peer and to us.
 */
public final class ResizePng {
    private ResizePng() { }

    public static void main(String[] a) {
        ImageProcessor ip = IJ.openImage(a[0]).getProcessor();
        ip.setInterpolationMethod(ImageProcessor.BICUBIC);
        double f = Integer.parseInt(a[2]) / (double) Math.max(ip.getWidth(), ip.getHeight());
        ImageProcessor out = ip.resize((int) Math.round(ip.getWidth() * f), (int) Math.round(ip.getHeight() * f), true);
        if (!new FileSaver(new ImagePlus("resized", out)).saveAsPng(a[1])) {
            throw new IllegalStateException("could not write " + a[1]);
        }
    }
}
