package nst.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import nst.core.StyleTransferException;

/**
 * Checks every model of a registry in full: the installed file a {@link ModelLocator} would load
 * is hashed again whatever its {@code .verified} record says, and compared with the registry (and
 * with the SHA-256 recorded at install where the registry publishes none); a model that is not
 * installed but bundled in the plugin has its bundled copy hashed. Nothing in the models folder is
 * written, moved or deleted (a bundled copy inside a jar is first copied out to the temporary folder).
 */
public final class ModelVerifier {
    private ModelVerifier() { }

    /**
     * One result per model of {@code registry}, in the registry's order: {@code VERIFIED} with the
     * file, {@code DAMAGED} with the file (null when bundled) and what differs, {@code BUNDLED}, or
     * {@code NOT_INSTALLED}. Takes as long as reading every installed model file once.
     */
    public static List<VerifyResult> verifyAll(ModelRegistry registry, ModelLocator locator) {
        return registry.models().stream().map(spec -> verify(spec, locator)).toList();
    }

    /** The full check of one model (see {@link #verifyAll}). */
    public static VerifyResult verify(ModelSpec spec, ModelLocator locator) {
        Optional<Path> installed = locator.find(spec);
        if (installed.isPresent()) {
            Path file = installed.get();
            return result(spec, VerifyResult.Status.VERIFIED, file, () -> VerificationRecord.problem(spec, file));
        }
        Optional<Path> bundled;
        try {
            bundled = BundledModels.file(spec);
        } catch (StyleTransferException e) {
            return new VerifyResult(spec.id(), VerifyResult.Status.DAMAGED, null, e.getMessage());
        }
        if (bundled.isEmpty()) {
            return new VerifyResult(spec.id(), VerifyResult.Status.NOT_INSTALLED, null, null);
        }
        return result(spec, VerifyResult.Status.BUNDLED, null, () -> Checksums.of(bundled.get()).mismatch(spec));
    }

    private interface Check {
        String problem() throws IOException;
    }

    private static VerifyResult result(ModelSpec spec, VerifyResult.Status fine, Path path, Check check) {
        String problem;
        try {
            problem = check.problem();
        } catch (IOException e) {
            problem = "cannot be read: " + e.getMessage();
        }
        return problem == null ? new VerifyResult(spec.id(), fine, path, null)
                : new VerifyResult(spec.id(), VerifyResult.Status.DAMAGED, path, problem);
    }
}
