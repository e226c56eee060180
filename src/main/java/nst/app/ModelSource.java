package nst.app;

import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Predicate;
import nst.model.ModelLocator;
import nst.model.ModelRegistry;
import nst.model.ModelSpec;

/**
 * Where a run's model comes from: the registry, the models folder, whether a missing model may
 * be downloaded, and each front end's own words for installing one.
 *
 * @param registry       the known models
 * @param dir            the models folder
 * @param mayDownload    whether a missing registry model may be downloaded now
 * @param installCommand the install instruction for a model id, e.g. {@code scripts/nst --install-model vgg19}
 * @param downloadHint   how to allow the download in this front end, e.g. {@code add --download to this command}
 */
public record ModelSource(ModelRegistry registry, Path dir, Predicate<ModelSpec> mayDownload, Function<String, String> installCommand,
                          String downloadHint) {
    /** The packaged registry, {@code dir} (null: the default folder), no download, the command line's install words. */
    public static ModelSource of(Path dir) {
        return new ModelSource(ModelRegistry.load(), dir == null ? ModelLocator.defaultDir() : dir, spec -> false,
                id -> "scripts/nst --install-model " + id + " (in ImageJ: Plugins > Style Transfer > Manage Style Transfer Models)",
                "allow the download with option(\"download\", \"true\")");
    }

    /** The same source, downloading missing models when {@code download} is true. */
    public ModelSource withDownload(boolean download) {
        return new ModelSource(registry, dir, spec -> download || mayDownload.test(spec), installCommand, downloadHint);
    }

    ModelLocator locator() {
        return new ModelLocator(dir);
    }
}
