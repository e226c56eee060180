package nst.core;

/**
 * Base of every error the engine and model code report to users. The message is one or two
 * sentences: what is wrong and what to do about it. Front ends catch it once, at the edge.
 */
public class StyleTransferException extends RuntimeException {
    public StyleTransferException(String message) { super(message); }

    public StyleTransferException(String message, Throwable cause) { super(message, cause); }
}
