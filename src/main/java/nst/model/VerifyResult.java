package nst.model;

import java.nio.file.Path;

/**
 * What a full check of one registry model found ({@link ModelVerifier#verifyAll}).
 *
 * @param id      the registry id
 * @param status  verified, damaged, bundled (not installed, the copy in the plugin verified) or not installed
 * @param path    the installed file; null for a bundled or missing model
 * @param problem what is wrong, for {@link Status#DAMAGED}; null otherwise
 */
public record VerifyResult(String id, Status status, Path path, String problem) {
    /** The outcome for one model. */
    public enum Status { VERIFIED, DAMAGED, BUNDLED, NOT_INSTALLED }

    /** False only for a damaged model: a missing one is not an error. */
    public boolean ok() {
        return status != Status.DAMAGED;
    }

    /** One line for a log or terminal, with what to do when the model is damaged. */
    public String describe() {
        return switch (status) {
            case VERIFIED -> id + ": verified, " + path;
            case BUNDLED -> id + ": bundled in the plugin, verified";
            case NOT_INSTALLED -> id + ": not installed";
            case DAMAGED -> path != null
                    ? id + ": DAMAGED, " + path + " (" + problem + "); delete it and install the model again"
                    : id + ": DAMAGED, the copy bundled in the plugin (" + problem + "); install the plugin again";
        };
    }
}
