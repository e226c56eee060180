package nst.core;

/** An input image or parameter that cannot be used; the message says which and what to do. */
public class BadInputException extends StyleTransferException {
    public BadInputException(String message) { super(message); }

    public BadInputException(String message, Throwable cause) { super(message, cause); }
}
