package nst.core;

import java.util.Locale;

/**
 * The one catalogue of user parameters. Macro keys, command-line options ({@code --key} with
 * {@code -} for {@code _}), dialog labels (which start with the key, so ImageJ's macro recorder
 * records that key) and the README table all come from here. An empty default means "the
 * model's own default" (see each network's defaults).
 */
public enum ParamSpec {
    CONTENT("content", "", "Content image: the picture to repaint (a file, or in ImageJ an open image)."),
    STYLE("style", "", "Style image: the painting whose colours and strokes are copied (a file, or an open image); several, comma-separated, are blended."),
    STYLE_BLEND("style_blend", "", "Blend weights of several style images, comma-separated (normalised to sum 1; default equal)."),
    STYLE_SCALE("style_scale", "1", "Size of the style image relative to the result (its longest side = style_scale x size): smaller gives finer strokes."),
    STYLE_FILE("style_file", "", "ImageJ dialog only: the style image file, used when style is <file>.", false),
    OUTPUT("output", "", "Where to write the result (.png, .tif or .jpg). The folder must exist."),
    MODEL("model", "", "Feature network: vgg19, vgg16, squeezenet1.1 (fast, bundled), or the path of a Keras .h5 weight file (default: vgg19 when installed, else the bundled squeezenet1.1)."),
    SIZE("size", "512", "Longest side of the result in pixels; the content is resized to it and the style to the same longest side."),
    ITERATIONS("iterations", "200", "Optimizer iterations (one forward and backward pass each)."),
    CONTENT_WEIGHT("content_weight", "", "Weight of the content cost (model default: vgg 1, squeezenet 1)."),
    STYLE_WEIGHT("style_weight", "", "Weight of the style cost (model default: vgg 1, squeezenet 0.3)."),
    TV_WEIGHT("tv_weight", "", "Weight of the total-variation (smoothness) cost (model default: vgg 0.001, squeezenet 1)."),
    CONTENT_LAYER("content_layer", "", "Layer whose features the result keeps from the content (model default: vgg relu4_2, squeezenet fire5)."),
    STYLE_LAYERS("style_layers", "", "Layers whose Gram matrices the result takes from the style, as name[:weight],... (model default: vgg relu1_1..relu5_1, squeezenet conv1,fire2,fire3,fire5,fire7)."),
    STOP_TOLERANCE("stop_tolerance", "0", "Stop a scale (each of its tiles) early once its best loss falls by less than this"
            + " fraction per iteration over 10 iterations (e.g. 0.001; 0 = run every iteration)."),
    OPTIMIZER("optimizer", "lbfgs", "lbfgs (best per iteration) or adam."),
    LEARNING_RATE("learning_rate", "10", "Adam step size in 0..255 pixel units (not used by lbfgs)."),
    INIT("init", "content", "Start image: content, noise (seeded), or image (init_image)."),
    INIT_IMAGE("init_image", "", "The image to start from with init=image (a file, or an open image); resized to the result's size."),
    SCALES("scales", "2", "Coarse-to-fine scales, each half the size of the next, ending at size; the final scale runs all iterations, each coarser one a quarter as many as the next (1 = single scale)."),
    TILE("tile", "0", "Optimise scales larger than this (longest side, pixels) in overlapping tiles of at most this size, so the result can be larger than fits in memory at once; at least the receptive field of the deepest layer (0 = no tiling)."),
    TILE_OVERLAP("tile_overlap", "", "Pixels shared by neighbouring tiles, blended smoothly so no seam shows; less than half the tile (default: a quarter of the tile, at most " + StyleParams.MAX_AUTO_OVERLAP + ")."),
    COLORS("colors", "style", "Result colours: style, original (the content's colours, luminance from the style), or match (style colours matched to the content first)."),
    POOLING("pooling", "max", "Network pooling: max, or avg (smoother, as Gatys et al. suggest)."),
    PRECISION("precision", "auto", "Arithmetic of the network's forward convolutions: auto (fp32), fp32, or bf16 (faster where the CPU has it"
            + " natively: AVX512-BF16 or AMX; with a final loss 3-28% higher; fp32 on a CPU without it). Gradients, losses and optimizer stay fp32,"
            + " and with bf16 the final scale's last quarter of iterations runs in fp32."),
    REGION("region", "selection", "Where the style goes: selection (in ImageJ the content's area selection when it has one, else the whole image), whole, roi_manager (ImageJ: the n-th ROI of the ROI Manager takes the n-th style image), or labels (region_image: 0 = background, n = the n-th style image)."),
    REGION_IMAGE("region_image", "", "With region=labels: the label image (a file, or in ImageJ an open image) of the content's size or aspect ratio; 0 = background, 1..n = the n-th style image."),
    BACKGROUND_STYLE("background_style", "", "With region=roi_manager or labels: the style image of the area outside every region (default: that area keeps the content)."),
    FEATHER("feather", "", "Pixels over which a styled region blends into the content kept around it (default: 2% of size, at least 2)."),
    TEMPORAL("temporal", "full", "For a sequence of frames (all_slices; a folder or multi-page TIFF on the command line): off (each frame starts from the previous result), init (from the previous result warped along the optical flow), or full (init, plus a temporal loss where the flow is consistent)."),
    TEMPORAL_WEIGHT("temporal_weight", "", "Weight of the temporal loss of temporal=full (default: 3 times the style_weight in use; higher = steadier, less stylized)."),
    FRAMES_AXIS("frames_axis", "auto", "ImageJ only: the axis of a hyperstack that holds the frames: t, z, or auto (t when there are several time points, else z).", false),
    FRAMES_EVERY("frames_every", "0", "Keep every N-th iterate as a frame: a stack in ImageJ, numbered files beside the output on the command line (0 = none)."),
    SEED("seed", "0", "Seed of every random choice; the same seed gives the same result."),
    MODELS_DIR("models_dir", "", "Folder that holds the model files (default: NST_MODELS_DIR, else ~/.cache/neural-style-transfer/models)."),
    DOWNLOAD("download", null, "Download the model if it is not installed (a flag; without it a missing model is an error that says how to install it)."),
    PREVIEW_EVERY("preview_every", "10", "ImageJ only: show the image as it forms every N iterations (0 = no preview; none in batch mode).", false),
    ALL_SLICES("all_slices", null, "ImageJ only: stylize every slice of a stack, each starting from the previous result (a flag; default: the current slice).", false);

    private final String key;
    private final String defaultValue;
    private final String help;
    private final boolean flag;
    private final boolean commandLine;

    /** {@code defaultValue} null marks a flag: present or absent, no value. */
    ParamSpec(String key, String defaultValue, String help) {
        this(key, defaultValue, help, true);
    }

    ParamSpec(String key, String defaultValue, String help, boolean commandLine) {
        this.key = key;
        this.defaultValue = defaultValue == null ? "" : defaultValue;
        this.flag = defaultValue == null;
        this.help = help;
        this.commandLine = commandLine;
    }

    /** Whether the command line takes this parameter (the others are for ImageJ only). */
    public boolean onCommandLine() { return commandLine; }

    /** A flag has no value: present means on (a checkbox in the dialog, a bare key in a macro). */
    public boolean isFlag() { return flag; }

    public String key() { return key; }

    public String defaultValue() { return defaultValue; }

    public String help() { return help; }

    public String cliOption() { return "--" + key.replace('_', '-'); }

    /**
     * The dialog label: the key with a capital first letter (ImageJ records the label's first
     * word, lower-cased, as the macro key), then {@code what} in brackets.
     */
    public String label(String what) {
        String k = Character.toUpperCase(key.charAt(0)) + key.substring(1);
        return what.isEmpty() ? k : k + " (" + what + ")";
    }

    /** The parameter of a macro key or a command-line option (with or without leading dashes). */
    public static ParamSpec of(String keyOrOption) {
        String k = keyOrOption.replaceFirst("^--", "").replace('-', '_').toLowerCase(Locale.ROOT);
        for (ParamSpec p : values()) {
            if (p.key.equals(k)) {
                return p;
            }
        }
        return null;
    }
}
