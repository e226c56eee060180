package nst.model;

import java.util.List;

/**
 * One registry entry (see models/registry.properties). A {@code bundled} model's file is inside
 * the plugin jar, so it is always available.
 */
public record ModelSpec(String id, String name, String fileName, String architecture, String size,
                        String sha256, String md5, List<String> urls, String license, boolean bundled) {
    public ModelSpec {
        urls = List.copyOf(urls);
    }

    /** "80 MB"-style size for messages. */
    public String sizeText() {
        String digits = size.replace("~", "");
        try {
            long mb = Math.round(Long.parseLong(digits) / 1e6);
            return (size.startsWith("~") ? "about " : "") + Math.max(1, mb) + " MB";
        } catch (NumberFormatException e) {
            return size;
        }
    }
}
