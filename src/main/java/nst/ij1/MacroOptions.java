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
     * followed by a space and the next key (a catalogue key then '=', or a flag). So a value may
     * hold brackets, balanced or not, as image titles do ({@code style=[my image [1] (copy).png]},
     * which ImageJ's recorder writes for that title). Failing that (a mistyped key after it), the
     * first ']' before a space. -1 if none.
     */
    static int closingBracket(String s, int open) {
        int beforeSpace = -1;
        for (int end = s.indexOf(']', open + 1); end >= 0; end = s.indexOf(']', end + 1)) {
            boolean last = end + 1 == s.length();
            if (last || Character.isWhitespace(s.charAt(end + 1)) && startsWithKey(s, end + 1)) {
                return end;
            }
            if (beforeSpace < 0 && Character.isWhitespace(s.charAt(end + 1))) {
                beforeSpace = end;
            }
        }
        return beforeSpace;
    }

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
                if (i < n && s.charAt(i) == '[') {
                    int end = closingBracket(s, i);
                    if (end < 0) {
                        throw new BadInputException("The value of '" + key + "' opens a [ that is never closed.");
                    }
                    value = s.substring(i + 1, end);
                    i = end + 1;
                } else {
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
