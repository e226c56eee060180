package nst.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The lower-case keys of the option enums, and parsing them with a message that lists the choices. */
final class EnumKeys {
    private EnumKeys() { }

    static String key(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** The constant whose key is {@code s} (any case), else a {@link BadInputException} naming the choices. */
    static <E extends Enum<E>> E parse(Class<E> type, String s, String what) {
        E[] values = type.getEnumConstants();
        for (E e : values) {
            if (key(e).equalsIgnoreCase(s.trim())) {
                return e;
            }
        }
        List<String> keys = Arrays.stream(values).map(EnumKeys::key).toList();
        String choices = String.join(", ", keys.subList(0, keys.size() - 1)) + " or " + keys.get(keys.size() - 1);
        throw new BadInputException("Unknown " + what + " '" + s + "'; use " + choices + ".");
    }
}
