package nst.model;

import nst.core.StyleTransferException;

/** Every source of a model failed; the message lists each one's failure. */
public class ModelDownloadException extends StyleTransferException {
    public ModelDownloadException(String message) { super(message); }
}
