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

    /** The same values with {@code p} set to {@code value}. */
    public ParamValues with(ParamSpec p, String value) {
        Map<ParamSpec, String> m = asMap();
        m.put(p, value);
        return new ParamValues(m);
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
                100,
                ColorMode.parse(value(ParamSpec.COLORS)),
                intValue(ParamSpec.SCALES, 1, StyleParams.MAX_SCALES),
                Pooling.parse(value(ParamSpec.POOLING)),
                intValue(ParamSpec.FRAMES_EVERY, 0, StyleParams.MAX_ITERATIONS),
                intValue(ParamSpec.TILE, 0, 16384),
                get(ParamSpec.TILE_OVERLAP).isPresent() ? intValue(ParamSpec.TILE_OVERLAP, 0, 8192) : StyleParams.AUTO_OVERLAP,
                Precision.parse(value(ParamSpec.PRECISION)),
                doubleValue(ParamSpec.STOP_TOLERANCE, Double.parseDouble(ParamSpec.STOP_TOLERANCE.defaultValue())));
    }

    public TemporalMode temporal() {
        return TemporalMode.parse(value(ParamSpec.TEMPORAL));
    }

    /** The temporal weight's default, per unit of the style weight in use (BENCHMARKS.md, "Time-lapse"). */
    public static final double TEMPORAL_PER_STYLE_WEIGHT = 3;

    /** The temporal loss's weight: the value given, else {@value #TEMPORAL_PER_STYLE_WEIGHT} times the style weight in use. */
    public double temporalWeight(double styleWeight) {
        double w = doubleValue(ParamSpec.TEMPORAL_WEIGHT, TEMPORAL_PER_STYLE_WEIGHT * styleWeight);
        if (!(w >= 0) || !Double.isFinite(w)) {
            throw new BadInputException("temporal_weight must be a number >= 0, was " + w + ".");
        }
        return w;
    }

    public RegionMode region() {
        return RegionMode.parse(value(ParamSpec.REGION));
    }

    /** The feather band in pixels: the value given, else 2% of size, at least 2. */
    public int feather() {
        int size = size();
        return get(ParamSpec.FEATHER).isPresent() ? intValue(ParamSpec.FEATHER, 0, size) : Math.max(2, (int) Math.round(0.02 * size));
    }

    /** The style images' longest side relative to the result's. */
    public double styleScale() {
        double v = doubleValue(ParamSpec.STYLE_SCALE, 1);
        if (!(v > 0) || v > 8) {
            throw new BadInputException("style_scale must be above 0 and at most 8, was " + v + ".");
        }
        return v;
    }

    /** The blend weights for {@code count} style images (equal when not given). */
    public double[] styleBlend(int count) {
        double[] w = new double[count];
        java.util.Arrays.fill(w, 1);
        Optional<String> v = get(ParamSpec.STYLE_BLEND);
        if (v.isPresent()) {
            String[] parts = v.get().split(",");
            if (parts.length != count) {
                throw new BadInputException("style_blend has " + parts.length + " weights but there are " + count + " style images; give one weight per style.");
            }
            for (int i = 0; i < count; i++) {
                try {
                    w[i] = Double.parseDouble(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new BadInputException("style_blend weight '" + parts[i].trim() + "' is not a number.");
                }
                if (!Double.isFinite(w[i]) || w[i] < 0) {
                    throw new BadInputException("style_blend weights must be numbers >= 0, was " + parts[i].trim() + ".");
                }
            }
            if (java.util.Arrays.stream(w).sum() <= 0) {
                throw new BadInputException("The style_blend weights are all 0; give at least one style a weight above 0.");
            }
        }
        return w;
    }

    /**
     * Rejects combinations that every front end refuses alike: a model named as an empty value,
     * and an init_image without init=image (which would silently be ignored).
     */
    public ParamValues validate() {
        String model = values.get(ParamSpec.MODEL);
        if (model != null && model.isBlank()) {
            throw new BadInputException("model is empty; name a model (vgg19, vgg16, squeezenet1.1) or a Keras .h5 file, or leave it out"
                    + " for the default.");
        }
        if (get(ParamSpec.INIT_IMAGE).isPresent() && Init.parse(value(ParamSpec.INIT)) != Init.IMAGE) {
            throw new BadInputException("init_image is given but init is " + value(ParamSpec.INIT)
                    + "; add init=image (--init image) to start from it, or leave init_image out.");
        }
        // every number and choice, so a bad one is reported before a model is resolved or downloaded
        size();
        styleScale();
        intValue(ParamSpec.ITERATIONS, 1, StyleParams.MAX_ITERATIONS);
        intValue(ParamSpec.SCALES, 1, StyleParams.MAX_SCALES);
        intValue(ParamSpec.FRAMES_EVERY, 0, StyleParams.MAX_ITERATIONS);
        intValue(ParamSpec.PREVIEW_EVERY, 0, StyleParams.MAX_ITERATIONS);
        intValue(ParamSpec.TILE, 0, 16384);
        longValue(ParamSpec.SEED);
        Optimizer.parse(value(ParamSpec.OPTIMIZER));
        ColorMode.parse(value(ParamSpec.COLORS));
        region();
        feather();
        temporal();
        temporalWeight(1);
        Pooling.parse(value(ParamSpec.POOLING));
        Precision.parse(value(ParamSpec.PRECISION));
        for (ParamSpec w : new ParamSpec[] {ParamSpec.CONTENT_WEIGHT, ParamSpec.STYLE_WEIGHT, ParamSpec.TV_WEIGHT, ParamSpec.LEARNING_RATE,
            ParamSpec.STOP_TOLERANCE}) {
            double v = doubleValue(w, 0);
            if (!Double.isFinite(v) || v < 0) {
                throw new BadInputException(w.key() + " must be a number >= 0, was '" + get(w).orElse("") + "'.");
            }
        }
        get(ParamSpec.STYLE_LAYERS).ifPresent(StyleLayer::parseList);
        return this;
    }

    /** The longest side of the result. */
    public int size() {
        return intValue(ParamSpec.SIZE, 8, 16384);
    }
}
