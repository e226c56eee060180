package nst.core;

/** The pooling of the feature network: max (as trained) or average (smoother results, as Gatys suggest). */
public enum Pooling {
    MAX, AVG;

    public String key() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static Pooling parse(String s) {
        for (Pooling p : values()) {
            if (p.key().equalsIgnoreCase(s.trim())) {
                return p;
            }
        }
        throw new BadInputException("Unknown pooling '" + s + "'; use max or avg.");
    }
}
