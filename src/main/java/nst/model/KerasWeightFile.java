package nst.model;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * attributes, as Keras itself does.
 */
public final class KerasWeightFile {
    private final List<String> layerNames;
    private final Map<String, ConvWeights> conv;

    private KerasWeightFile(List<String> layerNames, Map<String, ConvWeights> conv) {
        this.layerNames = List.copyOf(layerNames);
        this.conv = conv;
    }

    /** Every layer name the file lists, weighted or not, in file order. */
    public List<String> layerNames() { return layerNames; }

    /** Layers with a kernel and a bias, by Keras layer name (e.g. {@code fire2/squeeze1x1}). */
    public Map<String, ConvWeights> convLayers() { return conv; }

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
            List<String> layers = strings(names.getData());
            Map<String, ConvWeights> conv = new LinkedHashMap<>();
            for (String layer : layers) {
                ConvWeights w = readLayer(root, layer);
                if (w != null) {
                    conv.put(layer, w);
                }
            }
            return new KerasWeightFile(layers, conv);
        } catch (ModelFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelFormatException(file.getFileName() + " cannot be read as HDF5 (" + e.getMessage()
                    + "); the file is corrupt or truncated. Delete it and install the model again.", e);
        }
    }

    // -- Helper methods --

    private static ConvWeights readLayer(Group root, String layer) {
        Node n = root.getByPath(layer);
        if (!(n instanceof Group g)) {
            throw new ModelFormatException("Layer " + layer + " is listed in layer_names but missing in the file; the file is damaged.");
        }
        Attribute wn = g.getAttribute("weight_names");
        List<String> weights = wn == null ? List.of() : strings(wn.getData());
        if (weights.isEmpty()) {
            return null;
        }
        INDArray kernel = null;
        INDArray bias = null;
        for (String w : weights) {
            Node d = g.getByPath(w);
            if (!(d instanceof Dataset ds)) {
                throw new ModelFormatException("Weight " + w + " of layer " + layer + " is missing; the file is damaged.");
            }
            String leaf = w.substring(w.lastIndexOf('/') + 1);
            if (leaf.startsWith("kernel")) {
                kernel = toArray(ds);
            } else if (leaf.startsWith("bias")) {
                bias = toArray(ds);
            }
        }
        if (kernel == null || bias == null || kernel.rank() != 4) {
            return null; // not a convolution (e.g. batch norm); the networks say which layers they need
        }
        return new ConvWeights(layer, kernel, bias);
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

    private static List<String> strings(Object data) {
        List<String> out = new ArrayList<>();
        if (data instanceof String[] a) {
            out.addAll(List.of(a));
        } else if (data instanceof String s) {
            out.add(s);
        } else if (data != null) {
            throw new ModelFormatException("Unexpected attribute type " + data.getClass().getSimpleName() + " in the weight file.");
        }
        return out;
    }
}
