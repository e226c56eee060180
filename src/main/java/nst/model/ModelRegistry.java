package nst.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import nst.core.BadInputException;

/**
 * The known models, read from {@code registry.properties} (the top-level models/ folder, packaged
 * in the jar), or from the file the Java property {@code nst.registry} names (an institute's own
 * list of models, or a test's).
 */
public final class ModelRegistry {
    private static final String RESOURCE = "registry.properties";
    /** A base URL (an institute's mirror) tried before the registry's own URLs: base + "/" + file name. */
    public static final String MIRROR_PROPERTY = "nst.models.mirror";
    /** A registry file that replaces the packaged one. */
    public static final String REGISTRY_PROPERTY = "nst.registry";
    private final List<ModelSpec> models;
    private final String defaultId;

    private ModelRegistry(List<ModelSpec> models, String defaultId) {
        this.models = List.copyOf(models);
        this.defaultId = defaultId;
    }

    public static ModelRegistry load() {
        Properties p = new Properties();
        String file = System.getProperty(REGISTRY_PROPERTY, "");
        try (InputStream in = file.isBlank() ? ModelRegistry.class.getResourceAsStream(RESOURCE) : Files.newInputStream(Path.of(file))) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new BadInputException("The model registry " + file + " (property " + REGISTRY_PROPERTY + ") cannot be read: " + e + ".");
        }
        return of(p);
    }

    /** A registry from properties in the layout of {@code registry.properties}. */
    public static ModelRegistry of(Properties p) {
        String mirror = System.getProperty(MIRROR_PROPERTY, System.getenv().getOrDefault("NST_MODELS_MIRROR", "")).trim();
        List<ModelSpec> list = new ArrayList<>();
        for (String id : p.getProperty("models").split(",")) {
            String k = id.trim() + ".";
            String file = p.getProperty(k + "file");
            List<String> urls = new ArrayList<>();
            if (!mirror.isEmpty()) {
                urls.add(mirror.replaceAll("/+$", "") + "/" + file);
            }
            Arrays.stream(p.getProperty(k + "urls", "").split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(urls::add);
            list.add(new ModelSpec(id.trim(), p.getProperty(k + "name"), file, p.getProperty(k + "architecture"),
                    p.getProperty(k + "size", "?"), p.getProperty(k + "sha256", ""), p.getProperty(k + "md5", ""), urls,
                    p.getProperty(k + "license", ""), Boolean.parseBoolean(p.getProperty(k + "bundled", "false"))));
        }
        return new ModelRegistry(list, p.getProperty("default"));
    }

    public List<ModelSpec> models() { return models; }

    /** The model to use when none is named and it is installed (VGG19: the best quality). */
    public ModelSpec defaultModel() { return get(defaultId); }

    /** The model inside the plugin jar, used when none is named and the default is not installed. */
    public ModelSpec bundledModel() {
        return models.stream().filter(ModelSpec::bundled).findFirst()
                .orElseThrow(() -> new IllegalStateException(RESOURCE + " names no bundled model"));
    }

    public ModelSpec get(String id) {
        return models.stream().filter(m -> m.id().equalsIgnoreCase(id.trim())).findFirst().orElseThrow(() ->
                new BadInputException("Unknown model '" + id + "'; use one of: "
                        + String.join(", ", models.stream().map(ModelSpec::id).toList()) + ", or the path of a Keras .h5 weight file."));
    }
}
