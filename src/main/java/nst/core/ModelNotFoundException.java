package nst.core;

/** The weight file of a model is not installed where it was looked for. */
public class ModelNotFoundException extends StyleTransferException {
    public ModelNotFoundException(String message) { super(message); }
}
