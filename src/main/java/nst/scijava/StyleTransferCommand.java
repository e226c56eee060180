package nst.scijava;

import ij.ImagePlus;
import java.lang.reflect.Field;
import java.util.EnumMap;
import java.util.List;
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
 * No value persists from one run to the next (a script's result does not depend on the one before).
 * <pre>commandService.run(StyleTransferCommand.class, true, "content", imp, "style", painting, "model", "squeezenet1.1")</pre>
 */
@Plugin(type = Command.class, headless = true, label = "Neural Style Transfer")
public class StyleTransferCommand implements Command {
    @Parameter(label = "Content image", persist = false)
    private ImagePlus content;
    @Parameter(label = "Style image", persist = false)
    private ImagePlus style;
    @Parameter(required = false, persist = false, label = "Second style image", description = "blended with the first (see style_blend)")
    private ImagePlus style2;
    @Parameter(required = false, persist = false, label = "Third style image", description = "blended with the others (see style_blend)")
    private ImagePlus style3;
    @Parameter(required = false, persist = false, description = "blend weights of the style images, comma-separated; blank = equal")
    private String style_blend = "";
    @Parameter(required = false, persist = false)
    private String model = ParamSpec.MODEL.defaultValue();
    @Parameter(required = false, persist = false, min = "8")
    private int size = Integer.parseInt(ParamSpec.SIZE.defaultValue());
    @Parameter(required = false, persist = false, min = "1")
    private int iterations = Integer.parseInt(ParamSpec.ITERATIONS.defaultValue());
    @Parameter(required = false, persist = false, description = "blank = model default")
    private String content_weight = "";
    @Parameter(required = false, persist = false, description = "blank = model default")
    private String style_weight = "";
    @Parameter(required = false, persist = false, description = "blank = model default")
    private String tv_weight = "";
    @Parameter(required = false, persist = false, description = "blank = model default")
    private String content_layer = "";
    @Parameter(required = false, persist = false, description = "blank = model default")
    private String style_layers = "";
    @Parameter(required = false, persist = false, choices = {"lbfgs", "adam"})
    private String optimizer = ParamSpec.OPTIMIZER.defaultValue();
    @Parameter(required = false, persist = false)
    private double learning_rate = Double.parseDouble(ParamSpec.LEARNING_RATE.defaultValue());
    @Parameter(required = false, persist = false, choices = {"content", "noise", "image"})
    private String init = ParamSpec.INIT.defaultValue();
    @Parameter(required = false, persist = false, label = "Init image", description = "the image to start from (init=image)")
    private ImagePlus init_image;
    @Parameter(required = false, persist = false, min = "0", description = "keep every N-th iterate as a frame (output 'frames'), 0 = none")
    private int frames_every = Integer.parseInt(ParamSpec.FRAMES_EVERY.defaultValue());
    @Parameter(required = false, persist = false)
    private long seed = Long.parseLong(ParamSpec.SEED.defaultValue());
    @Parameter(required = false, persist = false, min = "1", max = "6")
    private int scales = Integer.parseInt(ParamSpec.SCALES.defaultValue());
    @Parameter(required = false, persist = false)
    private double style_scale = Double.parseDouble(ParamSpec.STYLE_SCALE.defaultValue());
    @Parameter(required = false, persist = false, choices = {"style", "original", "match"})
    private String colors = ParamSpec.COLORS.defaultValue();
    @Parameter(required = false, persist = false, choices = {"max", "avg"})
    private String pooling = ParamSpec.POOLING.defaultValue();
    @Parameter(required = false, persist = false, min = "0", description = "optimise in tiles of at most this many pixels, 0 = off")
    private int tile = Integer.parseInt(ParamSpec.TILE.defaultValue());
    @Parameter(required = false, persist = false, description = "blank = a quarter of the tile, at most 64")
    private String tile_overlap = "";
    @Parameter(required = false, persist = false, description = "optional file to write the result to")
    private String output = "";
    @Parameter(required = false, persist = false)
    private String models_dir = "";
    @Parameter(required = false, persist = false)
    private boolean download;
    @Parameter(required = false, persist = false)
    private boolean all_slices;
    @Parameter(type = ItemIO.OUTPUT)
    private ImagePlus result;

    /**
     * The frames ({@code frames_every} above 0), or null. Scripts read it as the output "frames".
     */
    @Parameter(type = ItemIO.OUTPUT, required = false)
    private ImagePlus frames;

    /**
     * Passes every parameter whose name is a catalogue key to the run, as a macro would: blank
     * strings and unchecked flags are left out (the catalogue's defaults apply).
     */
    @Override
    public void run() {
        Map<ParamSpec, String> v = new EnumMap<>(ParamSpec.class);
        for (Field f : StyleTransferCommand.class.getDeclaredFields()) {
            ParamSpec p = ParamSpec.of(f.getName());
            if (p == null || !f.isAnnotationPresent(Parameter.class) || f.getType() == ImagePlus.class) {
                continue;
            }
            Object value;
            try {
                value = f.get(this);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            if (value instanceof Boolean on) {
                if (on) {
                    v.put(p, "true");
                }
            } else if (value != null && !value.toString().isBlank()) {
                v.put(p, value.toString());
            }
        }
        v.put(ParamSpec.PREVIEW_EVERY, "0");
        ImagePlus start = given(init_image);
        if (start != null && ParamSpec.INIT.defaultValue().equals(init)) {
            v.put(ParamSpec.INIT, "image");
        }
        List<ImagePlus> styles = java.util.stream.Stream.of(style, given(style2), given(style3)).filter(java.util.Objects::nonNull).toList();
        StyleTransfer.Result r = StyleTransfer.run(content, styles, start, new ParamValues(v), CancellationToken.NEVER);
        result = r.image();
        frames = r.frames();
    }

    /** An optional image, or null: an unset one arrives as SciJava's default value, an ImagePlus without pixels. */
    private static ImagePlus given(ImagePlus imp) {
        return imp != null && imp.getProcessor() != null ? imp : null;
    }

    public ImagePlus result() { return result; }
}
