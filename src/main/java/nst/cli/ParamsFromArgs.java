package nst.cli;

import nst.core.Init;
import nst.core.NetworkDefaults;
import nst.core.Optimizer;
import nst.core.ParamSpec;
import nst.core.StyleLayer;
import nst.core.StyleParams;

/** Engine parameters from command-line values, unset ones from the network's defaults. */
final class ParamsFromArgs {
    private ParamsFromArgs() { }

    static StyleParams build(CliArgs a, NetworkDefaults d) {
        return new StyleParams(
                a.get(ParamSpec.CONTENT_LAYER).orElse(d.contentLayer()),
                a.get(ParamSpec.STYLE_LAYERS).map(StyleLayer::parseList).orElse(d.styleLayers()),
                a.doubleValue(ParamSpec.CONTENT_WEIGHT, d.contentWeight()),
                a.doubleValue(ParamSpec.STYLE_WEIGHT, d.styleWeight()),
                a.doubleValue(ParamSpec.TV_WEIGHT, d.tvWeight()),
                a.intValue(ParamSpec.ITERATIONS, 1, StyleParams.MAX_ITERATIONS),
                Optimizer.parse(a.value(ParamSpec.OPTIMIZER)),
                a.doubleValue(ParamSpec.LEARNING_RATE, Double.parseDouble(ParamSpec.LEARNING_RATE.defaultValue())),
                Init.parse(a.value(ParamSpec.INIT)),
                a.longValue(ParamSpec.SEED),
                0,
                100);
    }
}
