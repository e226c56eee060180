package nst.core.run;

import nst.core.Regions;
import nst.core.TemporalTarget;

/** What guides the optimisation of one scale or tile besides content and style: its regions and its temporal target (each may be null). */
record Guides(Regions regions, TemporalTarget temporal) {
    static final Guides NONE = new Guides(null, null);

    /** The same over an image of {@code w x h} (a scale). */
    Guides at(int w, int h) {
        return new Guides(regions == null ? null : regions.at(w, h), temporal == null ? null : temporal.at(w, h));
    }

    /** The same over the tile at (x, y) of size w x h. */
    Guides crop(int x, int y, int w, int h) {
        return new Guides(regions == null ? null : regions.crop(x, y, w, h), temporal == null ? null : temporal.crop(x, y, w, h));
    }
}
