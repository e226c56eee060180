package nst.core;

/** The pooling of the feature network: max (as trained) or average (smoother results, as Gatys suggest). */
public enum Pooling {
    MAX, AVG;

    public String key() { return EnumKeys.key(this); }

    public static Pooling parse(String s) {
        return EnumKeys.parse(Pooling.class, s, "pooling");
    }
}
