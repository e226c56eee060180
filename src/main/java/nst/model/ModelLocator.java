package nst.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import nst.core.CancellationToken;
import nst.core.FeatureNetwork;
import nst.core.ModelNotFoundException;
import nst.core.ProgressListener;

/**
 * Finds installed weight files and loads them as feature networks. The models folder is, in this
 * order: the one given explicitly, the system property {@code nst.models.dir}, the environment
 * variable {@code NST_MODELS_DIR}, then {@code ~/.cache/neural-style-transfer/models}. A file is
 * found directly in that folder or in one of its sub-folders, and verified against the registry's
 * hash before it is loaded (see {@link InstalledModel}).
 */
public final class ModelLocator {
    public static final String PROPERTY = "nst.models.dir";
    public static final String ENV = "NST_MODELS_DIR";
    private final Path dir;

    public ModelLocator(Path dir) {
        this.dir = dir;
    }

    /** The folder from the property, the environment or the per-user default. */
    public static Path defaultDir() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(ENV);
        }
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "neural-style-transfer", "models");
    }

    public Path dir() { return dir; }

    public Optional<Path> find(ModelSpec spec) {
        Path direct = dir.resolve(spec.fileName());
        if (Files.isRegularFile(direct)) {
            return Optional.of(direct);
        }
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> sub = Files.list(dir)) {
            return sub.filter(Files::isDirectory).map(d -> d.resolve(spec.fileName())).filter(Files::isRegularFile).sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The network {@code model} names: the path of a Keras .h5 file (architecture read from its
     * layers), or a registry id installed in this folder. A missing registry model is downloaded
     * here when {@code mayDownload} says so; otherwise a {@link ModelNotFoundException} says it is
     * missing and then {@code howToInstall} (each front end's own install instructions).
     */
    public FeatureNetwork load(String model, ModelRegistry registry, java.util.function.Predicate<ModelSpec> mayDownload,
                               java.util.function.Function<ModelSpec, String> howToInstall, ProgressListener progress,
                               CancellationToken cancel) {
        if (model.toLowerCase(java.util.Locale.ROOT).endsWith(".h5")) {
            Path f = Path.of(model);
            if (!Files.isRegularFile(f)) {
                throw new ModelNotFoundException("The model file " + f + " does not exist; check the path.");
            }
            return Networks.loadAny(f);
        }
        ModelSpec spec = registry.get(model);
        if (find(spec).isEmpty()) {
            if (!mayDownload.test(spec)) {
                throw new ModelNotFoundException(missing(spec) + " " + howToInstall.apply(spec));
            }
            new ModelInstaller(dir).download(spec, progress, cancel);
        }
        return load(spec);
    }

    /** "Model X (file, size) is not installed in DIR." */
    public String missing(ModelSpec spec) {
        return "Model " + spec.id() + " (" + spec.fileName() + ", " + spec.sizeText() + ") is not installed in " + dir + ".";
    }

    /** Loads an installed model; {@link ModelNotFoundException} says where to put it if missing. */
    public FeatureNetwork load(ModelSpec spec) {
        Path f = find(spec).orElseThrow(() -> new ModelNotFoundException(missing(spec)));
        InstalledModel.verify(spec, f, f.getParent().equals(dir));
        return Networks.load(spec.architecture(), f);
    }
}
