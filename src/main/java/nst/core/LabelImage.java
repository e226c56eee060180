package nst.core;

import java.util.Arrays;

/**
 * A region label per pixel: 0 is the background, 1..n the regions. Immutable. Resized by
 * nearest neighbour (labels are not mixed), and read at a network layer's resolution as the
 * fraction of each cell's pixels that carry a label (the mask the spatial-control method
 * downsamples to each layer).
 */
public final class LabelImage {
    private final int width;
    private final int height;
    private final int[] labels;

    /** Copies {@code labels} (row by row, length width*height, values 0 or more). */
    public LabelImage(int width, int height, int[] labels) {
        if (width < 1 || height < 1 || labels.length != (long) width * height) {
            throw new IllegalArgumentException("expected " + width + "x" + height + " labels, got " + labels.length);
        }
        for (int v : labels) {
            if (v < 0) {
                throw new BadInputException("Region labels must be 0 (background) or more, found " + v + ".");
            }
        }
        this.width = width;
        this.height = height;
        this.labels = labels.clone();
    }

    public int width() { return width; }

    public int height() { return height; }

    public int get(int x, int y) { return labels[y * width + x]; }

    /** The largest label (0 when there is only background). */
    public int maxLabel() {
        return Arrays.stream(labels).max().orElse(0);
    }

    /** How many pixels carry {@code label}. */
    public long pixels(int label) {
        return Arrays.stream(labels).filter(v -> v == label).count();
    }

    /** The labels at {@code w x h}, nearest neighbour (pixel centres). */
    public LabelImage resized(int w, int h) {
        if (w == width && h == height) {
            return this;
        }
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            int sy = Math.min(height - 1, (int) ((y + 0.5) * height / h));
            for (int x = 0; x < w; x++) {
                out[y * w + x] = labels[sy * width + Math.min(width - 1, (int) ((x + 0.5) * width / w))];
            }
        }
        return new LabelImage(w, h, out);
    }

    /** The part at (x, y) of size w x h. */
    public LabelImage crop(int x, int y, int w, int h) {
        int[] out = new int[w * h];
        for (int r = 0; r < h; r++) {
            System.arraycopy(labels, (y + r) * width + x, out, r * w, w);
        }
        return new LabelImage(w, h, out);
    }

    /**
     * For a grid of {@code cols x rows} cells over the image (a layer's feature map), the
     * fraction of each cell's pixels that carry {@code label}, row by row. A cell covers the
     * pixels whose centres fall in it.
     */
    public float[] coverage(int label, int cols, int rows) {
        float[] count = new float[cols * rows];
        float[] total = new float[cols * rows];
        for (int y = 0; y < height; y++) {
            int cy = Math.min(rows - 1, (int) ((y + 0.5) * rows / height));
            for (int x = 0; x < width; x++) {
                int c = cy * cols + Math.min(cols - 1, (int) ((x + 0.5) * cols / width));
                total[c]++;
                if (labels[y * width + x] == label) {
                    count[c]++;
                }
            }
        }
        for (int i = 0; i < count.length; i++) {
            count[i] = total[i] == 0 ? 0 : count[i] / total[i];
        }
        return count;
    }

    /**
     * A weight per pixel in [0, 1] that is 1 on pixels with a label above 0 (but for the edge of a
     * region under a narrow band) and falls smoothly to 0 across a band of {@code feather} pixels
     * outside them (grown by about half the band, then two box blurs of a quarter of it, rounded
     * up): exactly 0 farther than {@code feather} from every region.
     */
    public float[] featheredForeground(int feather) {
        float[] a = new float[width * height];
        for (int i = 0; i < a.length; i++) {
            a[i] = labels[i] > 0 ? 1f : 0f;
        }
        int blur = feather < 2 ? 0 : (feather + 3) / 4; // at least 1 from a band of 2 on, so a narrow band still blends
        int grow = feather - 2 * blur;
        float[] grown = Masks.dilate(a, width, height, grow);
        return blur < 1 ? grown : Masks.boxBlur(Masks.boxBlur(grown, width, height, blur), width, height, blur);
    }
}
