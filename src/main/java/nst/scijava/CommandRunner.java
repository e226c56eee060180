package nst.scijava;

import ij.ImagePlus;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import nst.core.BadInputException;
import nst.core.CancellationToken;
import nst.core.ParamSpec;
import nst.core.ParamValues;
import nst.ij1.StyleTransfer;

/**
 * What {@link StyleTransferCommand} (compiled for Java 8, so that discovering it on an old Java
 * fails gently) runs once the Java is new enough: its parameters, by catalogue key, through the
 * ImageJ recipe.
 */
public final class CommandRunner {
    private CommandRunner() { }

    /**
     * Runs with {@code options} (catalogue key to value; blank values and unset flags left out,
     * so the catalogue's defaults apply) and {@code images} (init_image, region_image,
     * background_style; each may be null), and returns the result and the frames (or null).
     */
    public static ImagePlus[] run(Map<String, String> options, ImagePlus content, List<ImagePlus> styles, Map<String, ImagePlus> images) {
        ImagePlus init = images.get(ParamSpec.INIT_IMAGE.key());
        Map<ParamSpec, ImagePlus> given = new EnumMap<>(ParamSpec.class);
        for (ParamSpec p : List.of(ParamSpec.REGION_IMAGE, ParamSpec.BACKGROUND_STYLE)) {
            if (images.get(p.key()) != null) {
                given.put(p, images.get(p.key()));
            }
        }
        Map<ParamSpec, String> v = new EnumMap<>(ParamSpec.class);
        options.forEach((key, value) -> {
            ParamSpec p = ParamSpec.of(key);
            if (p == null || !p.key().equals(key)) {
                throw new BadInputException("Unknown parameter '" + key + "'.");
            }
            v.put(p, value);
        });
        v.put(ParamSpec.PREVIEW_EVERY, "0");
        if (init != null && ParamSpec.INIT.defaultValue().equals(v.getOrDefault(ParamSpec.INIT, ParamSpec.INIT.defaultValue()))) {
            v.put(ParamSpec.INIT, "image");
        }
        StyleTransfer.Result r = StyleTransfer.run(content, styles, init, new ParamValues(v), given, CancellationToken.NEVER);
        return new ImagePlus[] {r.image(), r.frames()};
    }
}
