package nst.core;

/** A weight file that is corrupt, truncated, or belongs to another network architecture. */
public class ModelFormatException extends StyleTransferException {
    public ModelFormatException(String message) { super(message); }

    public ModelFormatException(String message, Throwable cause) { super(message, cause); }
}
