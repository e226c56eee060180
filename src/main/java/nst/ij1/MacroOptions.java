package nst.ij1;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import nst.core.BadInputException;
import nst.core.ParamSpec;
import nst.core.ParamValues;

/**
 * Parses an ImageJ macro options string ({@code key=value key=[value with spaces] flag}) into
 * {@link ParamValues}, rejecting keys the catalogue does not know, so a typo in a macro stops it
 * with a message instead of being silently ignored. Pure: no AWT, no ImageJ state.
 */
public final class MacroOptions {
    private MacroOptions() { }

    public static ParamValues parse(String options) {
        Map<ParamSpec, String> values = new EnumMap<>(ParamSpec.class);
        for (String[] kv : tokens(options == null ? "" : options)) {
            ParamSpec p = ParamSpec.of(kv[0]);
            if (p == null || !kv[0].equals(p.key())) {
                throw new BadInputException("Unknown key '" + kv[0] + "' in the macro options; the keys are: " + keys() + ".");
            }
            if (p.isFlag() && kv[1] != null) {
                throw new BadInputException("Key '" + kv[0] + "' is a flag and takes no value; write just " + kv[0] + ".");
            }
            if (!p.isFlag() && kv[1] == null) {
                throw new BadInputException("Key '" + kv[0] + "' needs a value, e.g. " + kv[0] + "=" + example(p) + ".");
            }
            if (values.put(p, p.isFlag() ? "true" : kv[1]) != null) {
                throw new BadInputException("Key '" + kv[0] + "' is given twice in the macro options; give it once.");
            }
        }
        return new ParamValues(values).validate();
    }

    static String keys() {
        List<String> k = new ArrayList<>();
        for (ParamSpec p : ParamSpec.values()) {
            k.add(p.key());
        }
        return String.join(", ", k);
    }

    private static String example(ParamSpec p) {
        return p.defaultValue().isEmpty() ? "..." : p.defaultValue();
    }

    /**
     * The ']' that closes the '[' at {@code open}: the first one that ends the options or is
     * followed by a space and the next key (a catalogue key then '=', or a flag), with no key
     * inside the brackets. So a value may hold brackets, balanced or not, as image titles do
     * ({@code style=[my image [1] (copy).png]}, which ImageJ's recorder writes for that title).
     * Failing that (a mistyped key after it), the first ']' before a space; -1 if none (a value
     * that only starts with '[', as ImageJ records a title "[1].png").
     */
    static int closingBracket(String s, int open) {
        int beforeSpace = -1;
        for (int end = s.indexOf(']', open + 1); end >= 0; end = s.indexOf(']', end + 1)) {
            boolean last = end + 1 == s.length();
            boolean spaceAfter = !last && Character.isWhitespace(s.charAt(end + 1));
            if ((last || spaceAfter && startsWithKey(s, end + 1)) && !holdsKey(s.substring(open + 1, end))) {
                return end;
            }
            if (beforeSpace < 0 && spaceAfter && !holdsKey(s.substring(open + 1, end))) {
                beforeSpace = end;
            }
        }
        return beforeSpace;
    }

    /** Whether {@code text} holds a space followed by a catalogue key and '=' (so it runs into the next option). */
    private static boolean holdsKey(String text) {
        java.util.regex.Matcher m = KEY_INSIDE.matcher(text);
        while (m.find()) {
            ParamSpec p = ParamSpec.of(m.group(1));
            if (p != null && !p.isFlag() && p.key().equals(m.group(1))) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern KEY_INSIDE = java.util.regex.Pattern.compile("\\s([a-z_]+)=");

    /** Whether, after the spaces from {@code from}, the options end or hold a catalogue key ('key=' or a bare flag). */
    private static boolean startsWithKey(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return true;
        }
        int k = i;
        while (i < s.length() && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        String key = s.substring(k, i);
        ParamSpec p = ParamSpec.of(key);
        boolean assigned = i < s.length() && s.charAt(i) == '=';
        return p != null && p.key().equals(key) && (p.isFlag() ? !assigned : assigned);
    }

    /** {key, value-or-null} pairs, as ImageJ's Macro.getValue reads them. */
    static List<String[]> tokens(String s) {
        List<String[]> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int k = i;
            while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String key = s.substring(k, i);
            if (i < n && s.charAt(i) == '=') {
                i++;
                String value;
                int end = i < n && s.charAt(i) == '[' ? closingBracket(s, i) : -1;
                if (end >= 0) {
                    value = s.substring(i + 1, end);
                    i = end + 1;
                } else { // unbracketed, or a value that only starts with '[' (ImageJ records a title "[1].png" so)
                    int v = i;
                    while (i < n && !Character.isWhitespace(s.charAt(i))) {
                        i++;
                    }
                    value = s.substring(v, i);
                }
                out.add(new String[] {key, value});
            } else {
                out.add(new String[] {key, null});
            }
        }
        return out;
    }
}
