package nst.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and MD5 of a byte stream, computed together in one pass. */
final class Checksums {
    private final MessageDigest sha256;
    private final MessageDigest md5;
    private long size;

    Checksums() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void update(byte[] b, int off, int len) {
        sha256.update(b, off, len);
        md5.update(b, off, len);
        size += len;
    }

    long size() { return size; }

    /** Call once, after the last update. */
    Result result() {
        return new Result(HexFormat.of().formatHex(sha256.digest()), HexFormat.of().formatHex(md5.digest()), size);
    }

    static Result of(Path file) throws IOException {
        Checksums c = new Checksums();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                c.update(buf, 0, n);
            }
        }
        return c.result();
    }

    record Result(String sha256, String md5, long size) {
        /** Null when the result matches what {@code spec} publishes, else what differs. */
        String mismatch(ModelSpec spec) {
            if (!spec.sha256().isEmpty() && !spec.sha256().equalsIgnoreCase(sha256)) {
                return "its SHA-256 is " + sha256 + ", expected " + spec.sha256();
            }
            if (spec.sha256().isEmpty() && !spec.md5().isEmpty() && !spec.md5().equalsIgnoreCase(md5)) {
                return "its MD5 is " + md5 + ", expected " + spec.md5();
            }
            if (!spec.size().startsWith("~") && !spec.size().equals("?") && Long.parseLong(spec.size()) != size) {
                return "it has " + size + " bytes, expected " + spec.size();
            }
            return null;
        }
    }
}
