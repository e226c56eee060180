package nst.ij1;

import ij.ImagePlus;
import java.util.stream.Collectors;
import nst.core.CancellationToken;
import nst.core.ParamValues;
import nst.net.Nd4jClassLoader;
import nst.model.ModelLocator;
import nst.model.ModelRegistry;

/**
 * Entry points for scripts and for the macro {@code call()} function (which reaches only public
 * static methods with String parameters).
 */
public final class StyleTransfer {
    private StyleTransfer() { }

    /**
     * Stylizes {@code content}'s current slice with {@code style}; {@code options} uses the macro
     * keys (e.g. {@code "model=squeezenet1.1 size=256 iterations=100"}). Returns the new image
     * without showing it; the inputs are not modified.
     */
    public static ImagePlus stylize(ImagePlus content, ImagePlus style, String options) {
        return stylize(content, style, MacroOptions.parse(options), CancellationToken.NEVER);
    }

    /** The same with parameter values and a cancellation token (used by the SciJava command). */
    public static ImagePlus stylize(ImagePlus content, ImagePlus style, ParamValues values, CancellationToken cancel) {
        return run(content, java.util.Collections.singletonList(style), null, values, cancel).image();
    }

    /** A run's result image, and its frames (null unless {@code frames_every} is above 0). */
    public record Result(ImagePlus image, ImagePlus frames) { }

    /**
     * Several styles (blended with {@code style_blend}) and an optional image to start from
     * ({@code init=image}); the result and its frames, none of them shown.
     */
    public static Result run(ImagePlus content, java.util.List<ImagePlus> styles, ImagePlus init, ParamValues values, CancellationToken cancel) {
        return run(content, styles, init, values, java.util.Map.of(), cancel);
    }

    /** As above, with the region_image and background_style images given as objects ({@code given}) instead of by title or path. */
    public static Result run(ImagePlus content, java.util.List<ImagePlus> styles, ImagePlus init, ParamValues values,
                             java.util.Map<nst.core.ParamSpec, ImagePlus> given, CancellationToken cancel) {
        if (content == null || styles == null || styles.isEmpty() || styles.stream().anyMatch(java.util.Objects::isNull)) {
            throw new nst.core.BadInputException("StyleTransfer was given no " + (content == null ? "content" : "style")
                    + " image (null); pass open ImagePlus images, e.g. IJ.getImage() or IJ.openImage(path).");
        }
        values.validate();
        Nd4jClassLoader.useClassLoaderOf(StyleTransfer.class);
        StyleTransferJob.Outcome o = StyleTransferJob.run(content, styles, init, values, given, null, null, false, cancel);
        return new Result(o.image(), o.frames());
    }

    /** {@code call("nst.ij1.StyleTransfer.version")} */
    public static String version() {
        String v = StyleTransfer.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** {@code call("nst.ij1.StyleTransfer.modelsDir")}: where models are looked for and installed. */
    public static String modelsDir() {
        return IjModels.dir(new ParamValues(java.util.Map.of())).toString();
    }

    /** {@code call("nst.ij1.StyleTransfer.listModels")}: one line per model, "id installed|bundled|missing". */
    public static String listModels() {
        ModelLocator locator = new ModelLocator(IjModels.dir(new ParamValues(java.util.Map.of())));
        return ModelRegistry.load().models().stream()
                .map(m -> m.id() + " " + locator.availability(m).name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining("\n"));
    }
}
