package nst.scijava;

import ij.ImagePlus;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nst.launch.JavaCheck;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * The style transfer as a SciJava command for scripts ({@code #@} parameters, CommandService).
 * No menu path: the menu entry is the ImageJ 1 plugin. The parameter names are the macro keys.
 * No value persists from one run to the next (a script's result does not depend on the one before).
 * Compiled for Java 8 like nst.launch, so that SciJava can discover it on an old Java: there it
 * fails with JavaCheck's message; otherwise {@link CommandRunner} runs it. The defaults below are
 * the catalogue's (StyleTransferCommandTest compares them).
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
    private String model = "";
    @Parameter(required = false, persist = false, min = "8")
    private int size = 512;
    @Parameter(required = false, persist = false, min = "1")
    private int iterations = 200;
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
    private String optimizer = "lbfgs";
    @Parameter(required = false, persist = false)
    private double learning_rate = 10;
    @Parameter(required = false, persist = false, choices = {"content", "noise", "image"})
    private String init = "content";
    @Parameter(required = false, persist = false, label = "Init image", description = "the image to start from (init=image)")
    private ImagePlus init_image;
    @Parameter(required = false, persist = false, min = "0", description = "keep every N-th iterate as a frame (output 'frames'), 0 = none")
    private int frames_every = 0;
    @Parameter(required = false, persist = false)
    private long seed = 0;
    @Parameter(required = false, persist = false, min = "1", max = "6")
    private int scales = 2;
    @Parameter(required = false, persist = false)
    private double style_scale = 1;
    @Parameter(required = false, persist = false, choices = {"style", "original", "match"})
    private String colors = "style";
    @Parameter(required = false, persist = false, choices = {"max", "avg"})
    private String pooling = "max";
    @Parameter(required = false, persist = false, min = "0", description = "stop a scale once its best loss falls by less than this"
            + " fraction per iteration over 10 iterations, 0 = off")
    private double stop_tolerance = 0;
    @Parameter(required = false, persist = false, choices = {"auto", "fp32", "bf16"},
            description = "the convolutions' arithmetic: auto = fp32; bf16 is faster where the CPU has it natively, with a higher final loss")
    private String precision = "auto";
    @Parameter(required = false, persist = false, min = "0", description = "optimise in tiles of at most this many pixels, 0 = off")
    private int tile = 0;
    @Parameter(required = false, persist = false, description = "blank = a quarter of the tile, at most 64")
    private String tile_overlap = "";
    @Parameter(required = false, persist = false, choices = {"selection", "whole", "roi_manager", "labels"},
            description = "where the style goes: the content's selection, the whole image, one ROI per style, or a label image")
    private String region = "selection";
    @Parameter(required = false, persist = false, label = "Region image", description = "with region=labels: 0 = background, n = the n-th style")
    private ImagePlus region_image;
    @Parameter(required = false, persist = false, label = "Background style", description = "with region=roi_manager or labels")
    private ImagePlus background_style;
    @Parameter(required = false, persist = false, description = "blend band in pixels; blank = 2% of size")
    private String feather = "";
    @Parameter(required = false, persist = false, choices = {"off", "init", "full"}, description = "with all_slices: how frames follow the motion")
    private String temporal = "full";
    @Parameter(required = false, persist = false, description = "weight of the temporal loss; blank = auto")
    private String temporal_weight = "";
    @Parameter(required = false, persist = false, choices = {"auto", "t", "z"}, description = "with all_slices: the axis that holds the frames")
    private String frames_axis = "auto";
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
     * Passes every parameter but the images to the run by name, as a macro would: blank strings
     * and unchecked flags are left out (the catalogue's defaults apply).
     */
    @Override
    public void run() {
        if (JavaCheck.running() < JavaCheck.REQUIRED) {
            throw new IllegalStateException(JavaCheck.message(JavaCheck.running()));
        }
        Map<String, String> v = new LinkedHashMap<String, String>();
        for (Field f : StyleTransferCommand.class.getDeclaredFields()) {
            Parameter a = f.getAnnotation(Parameter.class);
            if (a == null || a.type() == ItemIO.OUTPUT || f.getType() == ImagePlus.class) {
                continue;
            }
            Object value;
            try {
                value = f.get(this);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            if (value instanceof Boolean) {
                if ((Boolean) value) {
                    v.put(f.getName(), "true");
                }
            } else if (value != null && !value.toString().trim().isEmpty()) {
                v.put(f.getName(), value.toString());
            }
        }
        List<ImagePlus> styles = new ArrayList<ImagePlus>();
        for (ImagePlus s : new ImagePlus[] {style, given(style2), given(style3)}) {
            if (s != null) {
                styles.add(s);
            }
        }
        try {
            Class<?> runner = Class.forName("nst.scijava.CommandRunner", true, StyleTransferCommand.class.getClassLoader());
            Map<String, ImagePlus> images = new LinkedHashMap<String, ImagePlus>();
            images.put("init_image", given(init_image));
            images.put("region_image", given(region_image));
            images.put("background_style", given(background_style));
            ImagePlus[] out = (ImagePlus[]) runner.getMethod("run", Map.class, ImagePlus.class, List.class, Map.class)
                    .invoke(null, v, content, styles, images);
            result = out[0];
            frames = out[1];
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException ? (RuntimeException) cause : new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An optional image, or null: an unset one arrives as SciJava's default value, an ImagePlus without pixels. */
    private static ImagePlus given(ImagePlus imp) {
        return imp != null && imp.getProcessor() != null ? imp : null;
    }

    public ImagePlus result() { return result; }
}
