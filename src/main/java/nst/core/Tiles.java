package nst.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Overlapping tiles that cover an image, and their seamless blend. Tiles are at most
 * {@code tile} pixels on a side and spread evenly, so neighbours share at least {@code overlap}
 * pixels; across a shared band each tile's weight falls linearly to 0 while its neighbour's rises,
 * so the weights of all tiles sum to 1 at every pixel and no edge of a tile shows.
 */
public final class Tiles {
    /** One tile: its top left corner and size in the image. */
    public record Tile(int x, int y, int width, int height) { }

    private final int width;
    private final int height;
    private final int[] xs;
    private final int[] ys;
    private final int tileWidth;
    private final int tileHeight;
    /** The weighted sum of the tiles added and their summed weights; made by the first {@link #add}. */
    private float[] sum;
    private float[] weights;

    public Tiles(int width, int height, int tile, int overlap) {
        this.width = width;
        this.height = height;
        this.tileWidth = Math.min(tile, width);
        this.tileHeight = Math.min(tile, height);
        this.xs = starts(width, tile, overlap);
        this.ys = starts(height, tile, overlap);
    }

    /**
     * Start positions along one side: as few tiles as keep the overlap, spread evenly, the first
     * at 0 and the last ending at {@code length}.
     */
    static int[] starts(int length, int tile, int overlap) {
        if (length <= tile) {
            return new int[] {0};
        }
        int n = (int) Math.ceil((double) (length - overlap) / (tile - overlap));
        n = Math.max(n, 2);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (int) Math.round((double) i * (length - tile) / (n - 1));
        }
        return out;
    }

    public List<Tile> tiles() {
        List<Tile> out = new ArrayList<>();
        for (int y : ys) {
            for (int x : xs) {
                out.add(new Tile(x, y, tileWidth, tileHeight));
            }
        }
        return out;
    }

    /** Whether the image needs more than one tile. */
    public boolean tiled() {
        return xs.length * ys.length > 1;
    }

    /** Adds {@code part}, the result for tile {@code t}, with its blend weights. */
    public void add(Tile t, RgbImage part) {
        if (sum == null) {
            sum = new float[3 * width * height];
            weights = new float[width * height];
        }
        float[] wx = ramp(xs, t.x(), tileWidth);
        float[] wy = ramp(ys, t.y(), tileHeight);
        for (int r = 0; r < t.height(); r++) {
            for (int c = 0; c < t.width(); c++) {
                float w = wx[c] * wy[r];
                int i = (t.y() + r) * width + t.x() + c;
                weights[i] += w;
                for (int ch = 0; ch < 3; ch++) {
                    sum[ch * width * height + i] += w * part.get(ch, c, r);
                }
            }
        }
    }

    /** The blend so far; where no tile has been added yet, {@code under}. */
    public RgbImage blend(RgbImage under) {
        if (sum == null) {
            return under;
        }
        float[] out = under.planarRgb();
        int n = width * height;
        for (int i = 0; i < n; i++) {
            if (weights[i] > 0) {
                for (int ch = 0; ch < 3; ch++) {
                    out[ch * n + i] = sum[ch * n + i] / weights[i];
                }
            }
        }
        return new RgbImage(width, height, out);
    }

    /**
     * The weights along one side of the tile starting at {@code start}: 1, falling linearly to 0
     * across each band it shares with a neighbour ((i + 0.5) / band from the near edge).
     */
    private static float[] ramp(int[] starts, int start, int size) {
        int k = java.util.Arrays.binarySearch(starts, start);
        int before = k > 0 ? starts[k - 1] + size - start : 0;
        int after = k < starts.length - 1 ? start + size - starts[k + 1] : 0;
        float[] w = new float[size];
        for (int i = 0; i < size; i++) {
            float v = 1f;
            if (i < before) {
                v = Math.min(v, (i + 0.5f) / before);
            }
            if (i >= size - after) {
                v = Math.min(v, (size - i - 0.5f) / after);
            }
            w[i] = v;
        }
        return w;
    }
}
