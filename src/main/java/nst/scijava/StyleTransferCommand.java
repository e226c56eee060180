package nst.scijava;

import ij.ImagePlus;
import java.util.EnumMap;
import java.util.Map;
import nst.core.CancellationToken;
import nst.core.ParamSpec;
import nst.core.ParamValues;
import nst.ij1.StyleTransfer;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * The style transfer as a SciJava command for scripts ({@code #@} parameters, CommandService).
 * No menu path: the menu entry is the ImageJ 1 plugin. The parameter names are the macro keys.
 * <pre>commandService.run(StyleTransferCommand.class, true, "content", imp, "style", painting, "model", "squeezenet1.1")</pre>
 */
@Plugin(type = Command.class, headless = true, label = "Neural Style Transfer")
public class StyleTransferCommand implements Command {
    @Parameter(label = "Content image")
    private ImagePlus content;
    @Parameter(label = "Style image")
    private ImagePlus style;
    @Parameter(required = false)
    private String model = ParamSpec.MODEL.defaultValue();
    @Parameter(required = false, min = "8")
    private int size = Integer.parseInt(ParamSpec.SIZE.defaultValue());
    @Parameter(required = false, min = "1")
    private int iterations = Integer.parseInt(ParamSpec.ITERATIONS.defaultValue());
    @Parameter(required = false, description = "blank = model default")
    private String content_weight = "";
    @Parameter(required = false, description = "blank = model default")
    private String style_weight = "";
    @Parameter(required = false, description = "blank = model default")
    private String tv_weight = "";
    @Parameter(required = false, description = "blank = model default")
    private String content_layer = "";
    @Parameter(required = false, description = "blank = model default")
    private String style_layers = "";
    @Parameter(required = false, choices = {"lbfgs", "adam"})
    private String optimizer = ParamSpec.OPTIMIZER.defaultValue();
    @Parameter(required = false)
    private double learning_rate = Double.parseDouble(ParamSpec.LEARNING_RATE.defaultValue());
    @Parameter(required = false, choices = {"content", "noise"})
    private String init = ParamSpec.INIT.defaultValue();
    @Parameter(required = false)
    private long seed = Long.parseLong(ParamSpec.SEED.defaultValue());
    @Parameter(required = false, min = "1", max = "6")
    private int scales = Integer.parseInt(ParamSpec.SCALES.defaultValue());
    @Parameter(required = false)
    private double style_scale = Double.parseDouble(ParamSpec.STYLE_SCALE.defaultValue());
    @Parameter(required = false, choices = {"style", "original", "match"})
    private String colors = ParamSpec.COLORS.defaultValue();
    @Parameter(required = false, choices = {"max", "avg"})
    private String pooling = ParamSpec.POOLING.defaultValue();
    @Parameter(required = false, min = "0", description = "optimise in tiles of at most this many pixels, 0 = off")
    private int tile = Integer.parseInt(ParamSpec.TILE.defaultValue());
    @Parameter(required = false, description = "blank = a quarter of the tile, at most 64")
    private String tile_overlap = "";
    @Parameter(required = false, description = "optional file to write the result to")
    private String output = "";
    @Parameter(required = false)
    private String models_dir = "";
    @Parameter(required = false)
    private boolean download;
    @Parameter(required = false)
    private boolean all_slices;
    @Parameter(type = ItemIO.OUTPUT)
    private ImagePlus result;

    @Override
    public void run() {
        Map<ParamSpec, String> v = new EnumMap<>(ParamSpec.class);
        if (model != null && !model.isBlank()) {
            v.put(ParamSpec.MODEL, model);
        }
        v.put(ParamSpec.SIZE, Integer.toString(size));
        v.put(ParamSpec.ITERATIONS, Integer.toString(iterations));
        v.put(ParamSpec.CONTENT_WEIGHT, content_weight);
        v.put(ParamSpec.STYLE_WEIGHT, style_weight);
        v.put(ParamSpec.TV_WEIGHT, tv_weight);
        v.put(ParamSpec.CONTENT_LAYER, content_layer);
        v.put(ParamSpec.STYLE_LAYERS, style_layers);
        v.put(ParamSpec.OPTIMIZER, optimizer);
        v.put(ParamSpec.LEARNING_RATE, Double.toString(learning_rate));
        v.put(ParamSpec.INIT, init);
        v.put(ParamSpec.SEED, Long.toString(seed));
        v.put(ParamSpec.OUTPUT, output);
        v.put(ParamSpec.SCALES, Integer.toString(scales));
        v.put(ParamSpec.STYLE_SCALE, Double.toString(style_scale));
        v.put(ParamSpec.COLORS, colors);
        v.put(ParamSpec.POOLING, pooling);
        v.put(ParamSpec.TILE, Integer.toString(tile));
        v.put(ParamSpec.TILE_OVERLAP, tile_overlap);
        v.put(ParamSpec.MODELS_DIR, models_dir);
        v.put(ParamSpec.PREVIEW_EVERY, "0");
        if (download) {
            v.put(ParamSpec.DOWNLOAD, "true");
        }
        if (all_slices) {
            v.put(ParamSpec.ALL_SLICES, "true");
        }
        result = StyleTransfer.stylize(content, style, new ParamValues(v), CancellationToken.NEVER);
    }

    public ImagePlus result() { return result; }
}
