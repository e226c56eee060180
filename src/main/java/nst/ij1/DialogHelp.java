package nst.ij1;

import nst.core.ParamSpec;

/**
 * The dialog's Help page, shown in ImageJ's own HTML window (no browser, no network): what the
 * command does, and every macro key with its description, from the parameter catalogue.
 */
final class DialogHelp {
    private DialogHelp() { }

    /** HTML that GenericDialog.addHelp shows in a window (it starts with "&lt;html&gt;"). */
    static String html() {
        StringBuilder b = new StringBuilder("<html><h2>Neural Style Transfer</h2>")
                .append("<p>Repaints the active image (the content) in the style of another image: the pixels of a new image are")
                .append(" optimised so that its network features match the content and their Gram matrices match the style")
                .append(" (Gatys et al., CVPR 2016). The input images are only read; the result opens as a new image.</p>")
                .append("<p><b>OK</b> runs with the advanced values last used; <b>Advanced...</b> shows them first.")
                .append(" Esc cancels a run and keeps the best image so far. Plugins &gt; Macros &gt; Record... records every key below.</p>")
                .append("<table border=1 cellpadding=2><tr><th>key</th><th>what</th></tr>");
        for (ParamSpec p : ParamSpec.values()) {
            String def = p.isFlag() ? "flag" : p.defaultValue().isEmpty() ? "" : "default " + p.defaultValue();
            b.append("<tr><td><tt>").append(p.key()).append("</tt>").append(def.isEmpty() ? "" : "<br><small>" + escape(def) + "</small>")
                    .append("</td><td>").append(escape(p.help())).append("</td></tr>");
        }
        return b.append("</table></html>").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
