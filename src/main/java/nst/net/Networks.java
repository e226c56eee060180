package nst.net;

import java.nio.file.Path;
import nst.core.BadInputException;
import nst.core.FeatureNetwork;
import nst.core.ModelFormatException;

/** Loads a weight file as the network of a given architecture, or of the architecture its layers show. */
public final class Networks {
    private Networks() { }

    public static FeatureNetwork load(String architecture, Path file) {
        return switch (architecture) {
            case "vgg19" -> Vgg.load(file, 19);
            case "vgg16" -> Vgg.load(file, 16);
            case "squeezenet1.1" -> SqueezeNet.load(file);
            default -> throw new BadInputException("Unknown architecture '" + architecture + "'; use vgg19, vgg16 or squeezenet1.1.");
        };
    }

    /** Loads a Keras weight file, telling VGG19, VGG16 and SqueezeNet 1.1 apart by their layer names. */
    public static FeatureNetwork loadAny(Path file) {
        KerasWeightFile f = KerasWeightFile.read(file);
        String source = file.getFileName().toString();
        if (f.convLayers().containsKey("fire2/squeeze1x1")) {
            return SqueezeNet.build(f, source);
        }
        if (f.convLayers().containsKey("block1_conv1")) {
            return Vgg.build(f, f.convLayers().containsKey("block3_conv4") ? 19 : 16, source);
        }
        throw new ModelFormatException(source + " is not a VGG16, VGG19 or SqueezeNet 1.1 weight file" + Architectures.describe(f)
                + " Use one of those networks' Keras *_notop.h5 files.");
    }
}
