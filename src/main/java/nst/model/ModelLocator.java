package nst.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import nst.core.CancellationToken;
import nst.core.ModelNotFoundException;
import nst.core.ProgressListener;

/**
 * Finds installed weight files and loads them as feature networks. The models folder is, in this
 * order: the one given explicitly, the system property {@code nst.models.dir}, the environment
 * variable {@code NST_MODELS_DIR}, then {@code ~/.cache/neural-style-transfer/models}. A file is
 * found directly in that folder or in one of its sub-folders, and verified against the registry's
 * hash before it is used (see {@link VerificationRecord}). It finds files; {@code nst.net.Networks}
 * loads them. A model bundled in the plugin jar
 * ({@link BundledModels}) needs no installing; an installed copy of it is used first.
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

    /**
     * The model a run uses when none is named: the registry's default (VGG19, the best quality)
     * when it is installed, else the bundled one, which always runs.
     */
    public ModelSpec defaultModel(ModelRegistry registry) {
        ModelSpec best = registry.defaultModel();
        return availability(best) != Availability.MISSING ? best : registry.bundledModel();
    }

    /**
     * One line for the log when no model was named: which model runs and, when it is not the
     * registry's default, how to install that one ({@code installCommand} gives each front end's
     * own words for installing a model id).
     */
    public String defaultNote(ModelRegistry registry, java.util.function.Function<String, String> installCommand) {
        ModelSpec used = defaultModel(registry);
        ModelSpec best = registry.defaultModel();
        if (used.equals(best)) {
            return "No model named: using " + used.id() + ".";
        }
        return "No model named: using " + used.id() + " (bundled, fast). For the best quality install " + best.id() + " ("
                + best.sizeText() + " download): " + installCommand.apply(best.id());
    }

    /** Whether a model can run without a download. */
    public enum Availability { INSTALLED, BUNDLED, MISSING }

    /** Installed in this folder (used first), else bundled in the plugin, else missing. */
    public Availability availability(ModelSpec spec) {
        return find(spec).isPresent() ? Availability.INSTALLED
                : BundledModels.file(spec).isPresent() ? Availability.BUNDLED : Availability.MISSING;
    }

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

    /** A weight file to load, and its architecture ({@code vgg19}, ...; null: tell it from the file's layers). */
    public record ModelFile(Path file, String architecture) { }

    /**
     * The weight file {@code model} names: the path of a Keras .h5 file (its architecture read
     * from its layers), or a registry id installed in this folder (verified) or bundled. A
     * missing registry model is downloaded here when {@code mayDownload} says so; otherwise a
     * {@link ModelNotFoundException} says it is missing and then {@code howToInstall} (each front
     * end's own install instructions).
     */
    public ModelFile resolve(String model, ModelRegistry registry, java.util.function.Predicate<ModelSpec> mayDownload,
                             java.util.function.Function<ModelSpec, String> howToInstall, ProgressListener progress,
                             CancellationToken cancel) {
        if (model.toLowerCase(java.util.Locale.ROOT).endsWith(".h5")) {
            Path f = Path.of(model);
            if (Files.isDirectory(f)) {
                throw new nst.core.BadInputException("The model " + f + " is a folder, not a Keras .h5 weight file; give the file's path.");
            }
            if (!Files.isRegularFile(f)) {
                throw new nst.core.BadInputException("The model file " + f + " does not exist; check the path.");
            }
            return new ModelFile(f, null);
        }
        ModelSpec spec = registry.get(model);
        if (find(spec).isEmpty() && BundledModels.file(spec).isEmpty()) {
            if (!mayDownload.test(spec)) {
                throw new ModelNotFoundException(missing(spec) + " " + howToInstall.apply(spec));
            }
            new ModelInstaller(dir).download(spec, progress, cancel);
        }
        return new ModelFile(file(spec), spec.architecture());
    }

    /** "Model X (file, size) is not installed in DIR." */
    public String missing(ModelSpec spec) {
        return "Model " + spec.id() + " (" + spec.fileName() + ", " + spec.sizeText() + ") is not installed in " + dir + ".";
    }

    /**
     * The verified file of an installed or bundled model (an installed copy first);
     * {@link ModelNotFoundException} says where to put it if missing.
     */
    public Path file(ModelSpec spec) {
        Optional<Path> installed = find(spec);
        if (installed.isPresent()) {
            Path f = installed.get();
            VerificationRecord.verify(spec, f, f.getParent().equals(dir));
            return f;
        }
        return BundledModels.file(spec).orElseThrow(() -> new ModelNotFoundException(missing(spec)));
    }
}
