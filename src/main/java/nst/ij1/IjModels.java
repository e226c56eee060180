package nst.ij1;

import ij.IJ;
import java.nio.file.Files;
import java.nio.file.Path;
import nst.core.ParamSpec;
import nst.core.ParamValues;
import nst.app.ModelSource;
import nst.model.ModelLocator;
import nst.model.ModelRegistry;
import nst.model.ModelSpec;

/** Models inside ImageJ: the models folder, and loading with an offer (or explicit key) to download. */
final class IjModels {
    static final String MANAGE_COMMAND = "Manage Style Transfer Models";

    /** Asks the user whether to download a missing model; null in batch and headless runs. */
    interface DownloadOffer {
        boolean accept(ModelSpec spec, Path dir);
    }

    private static final java.util.concurrent.atomic.AtomicBoolean WARNED_READ_ONLY = new java.util.concurrent.atomic.AtomicBoolean();

    private IjModels() { }

    /**
     * {@code models_dir=}, else the {@code nst.models.dir} property or {@code NST_MODELS_DIR}, else
     * {@code <ImageJ>/models/neural-style} when that is writable, else the per-user folder.
     */
    static Path dir(ParamValues v) {
        if (v.get(ParamSpec.MODELS_DIR).isPresent()) {
            return Path.of(v.get(ParamSpec.MODELS_DIR).get());
        }
        if (System.getProperty(ModelLocator.PROPERTY) != null || System.getenv(ModelLocator.ENV) != null) {
            return ModelLocator.defaultDir();
        }
        String ij = IJ.getDirectory("imagej");
        if (ij != null) {
            Path p = Path.of(ij, "models", "neural-style");
            Path existing = Files.isDirectory(p) ? p : Files.isDirectory(p.getParent()) ? p.getParent() : p.getParent().getParent();
            if (Files.isWritable(existing)) {
                return p;
            }
            Path user = ModelLocator.defaultDir();
            if (WARNED_READ_ONLY.compareAndSet(false, true)) {
                IJ.log("Neural Style Transfer: " + existing + " is not writable, so models are kept in " + user + ".");
            }
            return user;
        }
        return ModelLocator.defaultDir();
    }

    /** The model a run uses when none is named (VGG19 when installed, else the bundled SqueezeNet). */
    static String defaultModel(ParamValues v) {
        return new ModelLocator(dir(v)).defaultModel(ModelRegistry.load()).id();
    }

    /**
     * Models inside ImageJ: the packaged registry, the models folder of {@link #dir}, a download
     * when the options say {@code download} or the user accepts the offer (null in batch and
     * headless runs), and ImageJ's words for installing a model.
     */
    static ModelSource source(ParamValues v, DownloadOffer offer) {
        Path dir = dir(v);
        return new ModelSource(ModelRegistry.load(), dir, spec -> v.flag(ParamSpec.DOWNLOAD) || (offer != null && offer.accept(spec, dir)),
                id -> "Plugins > Style Transfer > " + MANAGE_COMMAND + " (in a macro: run(\"" + MANAGE_COMMAND + "\", \"install=" + id + "\");)",
                "add the key 'download'");
    }
}
