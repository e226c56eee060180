package nst.core;

/** The user cancelled a long operation (a download, for example) before it finished. */
public class CancelledException extends StyleTransferException {
    public CancelledException(String message) { super(message); }
}
