package nst.net;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nst.core.ModelFormatException;
import nst.core.ModelNotFoundException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads the convolution weights of a Keras HDF5 weight file ({@code model.save_weights} or a whole
 * saved model) with jhdf, through the file's own {@code layer_names} and {@code weight_names}
 * attributes, as Keras itself does. Both namings are read:
 * <ul>
 * <li>Keras 1 (the released VGG16/VGG19 files): datasets in the layer's group, named
 * {@code <layer>_W_1:0} / {@code <layer>_b_1:0} (also {@code _W:0}, {@code _b:0}, or without
 * {@code :0});</li>
 * <li>Keras 2 (the SqueezeNet file): {@code <layer>/<layer>_N/kernel:0} / {@code bias:0}.</li>
 * </ul>
 * A convolution is a rank-4 HWIO kernel and a rank-1 bias of its output channels; the names only
 * confirm which is which. Layers without weights (inputs, pooling) have an empty or no
 * {@code weight_names}. Layers that hold anything else are listed by {@link #otherLayers()}.
 */
public final class KerasWeightFile {
    private final Map<String, ConvWeights> conv;
    private final Map<String, String> other;

    private KerasWeightFile(Map<String, ConvWeights> conv, Map<String, String> other) {
        this.conv = conv;
        this.other = other;
    }

    /** Layers with a kernel and a bias, by Keras layer name (e.g. {@code fire2/squeeze1x1}). */
    public Map<String, ConvWeights> convLayers() { return conv; }

    /** Layers with weights that are not a convolution's, each with what it holds (shapes). */
    public Map<String, String> otherLayers() { return other; }

    public static KerasWeightFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelNotFoundException("The weight file " + file + " does not exist; install the model or give the right path.");
        }
        try (HdfFile h5 = new HdfFile(file)) {
            Group root = h5;
            if (h5.getAttribute("layer_names") == null && h5.getChild("model_weights") instanceof Group g) {
                root = g;
            }
            Attribute names = root.getAttribute("layer_names");
            if (names == null) {
                throw new ModelFormatException(file.getFileName() + " is an HDF5 file but not a Keras weight file (it has no layer_names); use the Keras *_notop.h5 file of the model.");
            }
            Map<String, ConvWeights> conv = new LinkedHashMap<>();
            Map<String, String> other = new LinkedHashMap<>();
            for (String layer : strings(names.getData())) {
                List<Dataset> weights = weights(root, layer);
                if (weights.isEmpty()) {
                    continue;
                }
                ConvWeights w = convolution(layer, weights);
                if (w != null) {
                    conv.put(layer, w);
                } else {
                    other.put(layer, describe(weights));
                }
            }
            return new KerasWeightFile(conv, other);
        } catch (ModelFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelFormatException(file.getFileName() + " cannot be read as HDF5 (" + e.getMessage()
                    + "); it is corrupt, truncated or not a Keras weight file. If it is an installed model, delete it and install the model"
                    + " again.", e);
        }
    }

    // -- Helper methods --

    /** The datasets a layer's {@code weight_names} lists, in that order. */
    private static List<Dataset> weights(Group root, String layer) {
        Node n = root.getByPath(layer);
        if (!(n instanceof Group g)) {
            throw new ModelFormatException("Layer " + layer + " is listed in layer_names but missing in the file; the file is damaged.");
        }
        Attribute wn = g.getAttribute("weight_names");
        List<Dataset> out = new ArrayList<>();
        for (String w : wn == null ? List.<String>of() : strings(wn.getData())) {
            if (!(g.getByPath(w) instanceof Dataset ds)) {
                throw new ModelFormatException("Weight " + w + " of layer " + layer + " is missing; the file is damaged.");
            }
            out.add(ds);
        }
        return out;
    }

    /** The layer's convolution, or null when its weights are not a rank-4 kernel and a rank-1 bias. */
    private static ConvWeights convolution(String layer, List<Dataset> weights) {
        if (weights.size() != 2) {
            return null;
        }
        int k = weights.get(0).getDimensions().length == 4 ? 0 : 1;
        Dataset kernel = weights.get(k);
        Dataset bias = weights.get(1 - k);
        if (kernel.getDimensions().length != 4 || bias.getDimensions().length != 1) {
            return null;
        }
        if (role(kernel.getName()) == Role.BIAS || role(bias.getName()) == Role.KERNEL) {
            throw new ModelFormatException("Layer " + layer + " names its 4-D weight " + kernel.getName() + " and its 1-D weight "
                    + bias.getName() + " the other way round; the file is damaged. Install a good copy.");
        }
        int[] kd = kernel.getDimensions();
        int out = bias.getDimensions()[0];
        if (kd[3] != out) {
            String why = kd[0] == out ? " The kernel is in Theano's [out,in,kH,kW] order; use the *_tf_dim_ordering_tf_kernels_notop.h5 file." : "";
            throw new ModelFormatException("Layer " + layer + " has a kernel of shape " + Arrays.toString(kd) + " and a bias of " + out
                    + " values; a Keras kernel is [kH,kW,in,out]." + why);
        }
        return new ConvWeights(layer, toArray(kernel), toArray(bias));
    }

    private enum Role { KERNEL, BIAS, OTHER }

    /**
     * What a weight's name says it is: Keras 2 {@code kernel:0} / {@code bias:0}; Keras 1
     * {@code <layer>_W_1:0} / {@code <layer>_b_1:0}, {@code _W:0}, or Theano's {@code <layer>_W}.
     */
    private static Role role(String name) {
        String leaf = name.substring(name.lastIndexOf('/') + 1).replaceFirst(":\\d+$", "").replaceFirst("_\\d+$", "");
        if (leaf.equals("kernel") || leaf.equals("W") || leaf.endsWith("_W")) {
            return Role.KERNEL;
        }
        if (leaf.equals("bias") || leaf.equals("b") || leaf.endsWith("_b")) {
            return Role.BIAS;
        }
        return Role.OTHER;
    }

    private static String describe(List<Dataset> weights) {
        List<String> parts = new ArrayList<>();
        for (Dataset d : weights) {
            parts.add(d.getName() + " " + Arrays.toString(d.getDimensions()));
        }
        return weights.size() + (weights.size() == 1 ? " array: " : " arrays: ") + String.join(", ", parts);
    }

    private static INDArray toArray(Dataset ds) {
        int[] dims = ds.getDimensions();
        long[] shape = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = dims[i];
        }
        Object flat = ds.getDataFlat();
        float[] v;
        if (flat instanceof float[] f) {
            v = f;
        } else if (flat instanceof double[] d) {
            v = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                v[i] = (float) d[i];
            }
        } else {
            throw new ModelFormatException("Dataset " + ds.getPath() + " holds " + ds.getJavaType().getSimpleName()
                    + " values, not floating point weights; the file is not a supported model.");
        }
        return Nd4j.create(v, shape, 'c');
    }

    /**
     * A string attribute's values. Keras writes lists of UTF-8 bytes: h5py 2 stored them as
     * fixed-length strings, h5py 3 as variable-length ones (jhdf returns a String[] for both). A
     * layer without weights gets an empty list, which h5py stores as an empty float64 array (jhdf
     * returns null for it).
     */
    private static List<String> strings(Object data) {
        if (data == null) {
            return List.of();
        }
        if (data instanceof String[] a) {
            return List.of(a);
        }
        if (data instanceof String s) {
            return List.of(s);
        }
        if (data.getClass().isArray() && Array.getLength(data) == 0) {
            return List.of();
        }
        throw new ModelFormatException("Unexpected attribute type " + data.getClass().getSimpleName() + " in the weight file.");
    }
}
