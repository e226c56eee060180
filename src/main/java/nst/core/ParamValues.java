package nst.core;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Raw parameter values as a front end received them (command-line options, macro keys, dialog
 * fields), with typed access and one conversion to {@link StyleParams}. Every front end goes
 * through here, so a value means the same and fails with the same message everywhere.
 */
public final class ParamValues {
    private final Map<ParamSpec, String> values;

    public ParamValues(Map<ParamSpec, String> values) {
        this.values = values.isEmpty() ? new EnumMap<>(ParamSpec.class) : new EnumMap<>(values);
    }

    public Map<ParamSpec, String> asMap() {
        return new EnumMap<>(values);
    }

    /** Whether a flag is on (present). */
    public boolean flag(ParamSpec p) {
        return values.containsKey(p) && !"false".equalsIgnoreCase(values.get(p));
    }

    /** The given, non-blank value. */
    public Optional<String> get(ParamSpec p) {
        String v = values.get(p);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public String required(ParamSpec p, String how) {
        return get(p).orElseThrow(() -> new BadInputException(how + " is required: " + p.help()));
    }

    /** The value, or the catalogue default. */
    public String value(ParamSpec p) {
        return get(p).orElse(p.defaultValue());
    }

    public int intValue(ParamSpec p, int min, int max) {
        String v = value(p);
        int n;
        try {
            n = (int) Double.parseDouble(v);
            if (n != Double.parseDouble(v)) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new BadInputException(p.key() + " must be a whole number, was '" + v + "'.");
        }
        if (n < min || n > max) {
            throw new BadInputException(p.key() + " must be between " + min + " and " + max + ", was " + n + ".");
        }
        return n;
    }

    public double doubleValue(ParamSpec p, double fallback) {
        Optional<String> v = get(p);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.get());
        } catch (NumberFormatException e) {
            throw new BadInputException(p.key() + " must be a number, was '" + v.get() + "'.");
        }
    }

    public long longValue(ParamSpec p) {
        String v = value(p);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BadInputException(p.key() + " must be a whole number, was '" + v + "'.");
        }
    }

    /** Engine parameters; unset ones come from the network's defaults. */
    public StyleParams styleParams(NetworkDefaults d) {
        return new StyleParams(
                get(ParamSpec.CONTENT_LAYER).orElse(d.contentLayer()),
                get(ParamSpec.STYLE_LAYERS).map(StyleLayer::parseList).orElse(d.styleLayers()),
                doubleValue(ParamSpec.CONTENT_WEIGHT, d.contentWeight()),
                doubleValue(ParamSpec.STYLE_WEIGHT, d.styleWeight()),
                doubleValue(ParamSpec.TV_WEIGHT, d.tvWeight()),
                intValue(ParamSpec.ITERATIONS, 1, StyleParams.MAX_ITERATIONS),
                Optimizer.parse(value(ParamSpec.OPTIMIZER)),
                doubleValue(ParamSpec.LEARNING_RATE, Double.parseDouble(ParamSpec.LEARNING_RATE.defaultValue())),
                Init.parse(value(ParamSpec.INIT)),
                longValue(ParamSpec.SEED),
                intValue(ParamSpec.PREVIEW_EVERY, 0, StyleParams.MAX_ITERATIONS),
                100);
    }

    /** The longest side of the result. */
    public int size() {
        return intValue(ParamSpec.SIZE, 8, 16384);
    }
}
