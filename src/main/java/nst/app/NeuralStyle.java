package nst.app;

import ij.ImagePlus;
import ij.process.ImageProcessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import nst.convert.Images;
import nst.convert.Inputs;
import nst.convert.RegionInputs;
import nst.core.BadInputException;
import nst.core.CancellationToken;
import nst.core.FeatureNetwork;
import nst.core.ParamSpec;
import nst.core.ParamValues;
import nst.core.ProgressListener;
import nst.core.Regions;
import nst.core.RgbImage;
import nst.core.StyleImage;
import nst.core.StyleParams;
import nst.core.StyleTransferResult;
import nst.model.ModelLocator;
import nst.net.MemoryCheck;
import nst.net.Networks;

/**
 * The headless API, and the one recipe every front end (command line, ImageJ, SciJava, scripts)
 * runs: resolve the model, check and convert the inputs, fit the run to the free memory, run the
 * engine. For example, in a Groovy or Jython script:
 * <pre>
 * result = NeuralStyle.builder().content(imp).style(painting).model("squeezenet1.1").size(256).build()
 *         .run(ProgressListener.NONE, CancellationToken.NEVER)
 * </pre>
 * Options use the catalogue's keys ({@link ParamSpec}), as macros and the command line do.
 */
public final class NeuralStyle {
    private final ImageProcessor content;
    private final List<ImageProcessor> styles;
    private final ImageProcessor init;
    private final RegionInputs.Source regionSource;
    private final ImageProcessor backgroundStyle;
    private final ParamValues values;
    private final ModelSource models;
    private final Consumer<String> log;
    private final NetworkCache cache;

    private NeuralStyle(Builder b) {
        this.content = b.content;
        this.styles = List.copyOf(b.styles);
        this.init = b.init;
        this.regionSource = b.regionSource;
        this.backgroundStyle = b.backgroundStyle;
        this.values = new ParamValues(b.values).validate();
        this.models = b.models != null ? b.models : ModelSource.of(values.get(ParamSpec.MODELS_DIR).map(Path::of).orElse(null))
                .withDownload(values.flag(ParamSpec.DOWNLOAD));
        this.log = b.log;
        this.cache = b.cache;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Prepares and runs the content once: the result at the content's size. */
    public StyleTransferResult run(ProgressListener progress, CancellationToken cancel) {
        return prepare(progress, cancel).run(orNone(progress), orNever(cancel));
    }

    private static ProgressListener orNone(ProgressListener progress) {
        return progress == null ? ProgressListener.NONE : progress;
    }

    private static CancellationToken orNever(CancellationToken cancel) {
        return cancel == null ? CancellationToken.NEVER : cancel;
    }

    /**
     * Checks the inputs against the Java heap, resolves and loads the model (the default one,
     * said through the log, when none is named), converts the images and fits the parameters to
     * the free memory (said through the log when L-BFGS keeps fewer pairs).
     */
    public PreparedRun prepare(ProgressListener progress, CancellationToken cancel) {
        Inputs.checkFit(content, styles, values);
        ModelLocator locator = models.locator();
        String model = values.get(ParamSpec.MODEL).orElseGet(() -> {
            log.accept(locator.defaultNote(models.registry(), models.installCommand()));
            return locator.defaultModel(models.registry()).id();
        });
        Supplier<FeatureNetwork> load = () -> {
            ModelLocator.ModelFile file = locator.resolve(model, models.registry(), models.mayDownload(),
                    spec -> "Install it with " + models.installCommand().apply(spec.id()) + ", or " + models.downloadHint() + ".",
                    orNone(progress), orNever(cancel));
            return file.architecture() == null ? Networks.loadAny(file.file()) : Networks.load(file.architecture(), file.file());
        };
        FeatureNetwork net = cache == null ? load.get() : cache.get(model, models, load);
        RgbImage c = Inputs.content(content, values);
        if (c.width() >= 1.5 * content.getWidth()) {
            log.accept(String.format(java.util.Locale.ROOT, "The content is %dx%d pixels: it is enlarged %.1fx to %dx%d (size=%d); a smaller size keeps"
                    + " more of its own detail.", content.getWidth(), content.getHeight(), (double) c.width() / content.getWidth(), c.width(),
                    c.height(), values.size()));
        }
        List<ImageProcessor> allStyles = new ArrayList<>(styles);
        if (backgroundStyle != null) {
            allStyles.add(backgroundStyle);
        }
        List<StyleImage> styleImages = Inputs.styles(allStyles, c, values);
        Optional<Regions> regions = Optional.ofNullable(regionSource).map(r -> RegionInputs.regions(r, content.getWidth(), content.getHeight(),
                c.width(), c.height(), styleImages.size(), backgroundStyle != null,
                styleImages.stream().mapToDouble(StyleImage::weight).toArray(), values.feather(), log));
        StyleParams params = MemoryCheck.fit(net, c.width(), c.height(), Inputs.largestPixels(styleImages), values.styleParams(net.defaults()),
                MemoryCheck.available(), log);
        Optional<RgbImage> start = Optional.ofNullable(init).map(ip -> Inputs.startImage(ip, c));
        return new PreparedRun(net, params, c, styleImages, start, values, regions);
    }

    /** Collects a run's images and options; {@link #build} checks them. */
    public static final class Builder {
        /** Catalogue keys that name images or files, which the API takes as arguments or returns instead. */
        private static final java.util.Set<ParamSpec> NOT_OPTIONS = java.util.EnumSet.of(ParamSpec.CONTENT, ParamSpec.STYLE,
                ParamSpec.STYLE_FILE, ParamSpec.INIT_IMAGE, ParamSpec.OUTPUT, ParamSpec.ALL_SLICES, ParamSpec.REGION_IMAGE,
                ParamSpec.BACKGROUND_STYLE, ParamSpec.REGION);
        private ImageProcessor content;
        private final List<ImageProcessor> styles = new ArrayList<>();
        private ImageProcessor init;
        private RegionInputs.Source regionSource;
        private ImageProcessor backgroundStyle;
        private final Map<ParamSpec, String> values = new EnumMap<>(ParamSpec.class);
        private ModelSource models;
        private Consumer<String> log = s -> { };
        private NetworkCache cache;

        private Builder() { }

        /** The content, as displayed (composites merged, LUT and display range applied). */
        public Builder content(ImagePlus imp) {
            return content(Images.displayed(require(imp, "content")));
        }

        public Builder content(ImageProcessor ip) {
            this.content = require(ip, "content");
            return this;
        }

        /** A style image; several are blended (see {@code style_blend}). */
        public Builder style(ImagePlus imp) {
            return style(Images.displayed(require(imp, "style")));
        }

        public Builder style(ImageProcessor ip) {
            styles.add(require(ip, "style"));
            return this;
        }

        /**
         * Styles only where {@code mask} is above 0 (every style image, blended), as ImageJ styles
         * a selection; the rest keeps the content, blended across the {@code feather} band. The
         * mask has the content's size (or its aspect ratio: then it is resized).
         */
        public Builder mask(ImageProcessor mask) {
            this.regionSource = new RegionInputs.Source(require(mask, "mask"), true);
            return this;
        }

        /**
         * One style per region: label n (1, 2, ...) of {@code labels} takes the n-th style image;
         * label 0 keeps the content, or takes {@link #backgroundStyle}.
         */
        public Builder regions(ImageProcessor labels) {
            this.regionSource = new RegionInputs.Source(require(labels, "region"), false);
            return this;
        }

        /** With {@link #regions}: the style of the area outside every region (default: it keeps the content). */
        public Builder backgroundStyle(ImageProcessor style) {
            this.backgroundStyle = require(style, "background style");
            return this;
        }

        /** The image to start from; sets {@code init=image}. */
        public Builder init(ImageProcessor ip) {
            this.init = require(ip, "init");
            values.put(ParamSpec.INIT, "image");
            return this;
        }

        /**
         * An option by its catalogue key (macro key or command-line option), e.g. {@code option("style_weight", "3")};
         * a flag ({@code download}) takes "true" or "false". Images are given with {@link #content}, {@link #style} and
         * {@link #init}, not as options, and the result is returned, not written.
         */
        public Builder option(String key, String value) {
            ParamSpec p = key == null ? null : ParamSpec.of(key);
            if (p == null) {
                throw new BadInputException("Unknown option '" + key + "'; the keys are those of the README's parameter table.");
            }
            if (NOT_OPTIONS.contains(p)) {
                throw new BadInputException(p.key() + " is not an option of the API: give images with content(...), style(...), init(...),"
                        + " regions with mask(...), regions(...) and backgroundStyle(...),"
                        + " and save the returned result yourself (e.g. ImageFiles.save).");
            }
            if (p.isFlag()) {
                if (!"true".equalsIgnoreCase(value) && !"false".equalsIgnoreCase(value)) {
                    throw new BadInputException(p.key() + " is a flag: give \"true\" or \"false\", was '" + value + "'.");
                }
                if ("true".equalsIgnoreCase(value)) {
                    values.put(p, "true");
                } else {
                    values.remove(p);
                }
                return this;
            }
            values.put(p, value);
            return this;
        }

        /** All options at once (replacing those set before). */
        public Builder options(ParamValues v) {
            values.clear();
            values.putAll(v.asMap());
            return this;
        }

        public Builder model(String idOrFile) {
            return option(ParamSpec.MODEL.key(), idOrFile);
        }

        public Builder size(int longestSide) {
            return option(ParamSpec.SIZE.key(), Integer.toString(longestSide));
        }

        public Builder iterations(int n) {
            return option(ParamSpec.ITERATIONS.key(), Integer.toString(n));
        }

        public Builder seed(long seed) {
            return option(ParamSpec.SEED.key(), Long.toString(seed));
        }

        /** Where models come from (default: the packaged registry, {@code models_dir} or the default folder, download only with the download option). */
        public Builder models(ModelSource source) {
            this.models = source;
            return this;
        }

        /** Takes the network from {@code networks}, which loads each model once (default: the model is loaded for this run). */
        public Builder networks(NetworkCache networks) {
            this.cache = networks;
            return this;
        }

        /** Receives the notes a user should read: which model runs by default, memory adjustments. */
        public Builder log(Consumer<String> notes) {
            this.log = notes;
            return this;
        }

        public NeuralStyle build() {
            if (content == null) {
                throw new BadInputException("No content image given; call content(...).");
            }
            if (styles.isEmpty()) {
                throw new BadInputException("No style image given; call style(...).");
            }
            if (backgroundStyle != null && (regionSource == null || regionSource.mask())) {
                throw new BadInputException("A background style needs regions: call regions(labelImage) too.");
            }
            return new NeuralStyle(this);
        }

        private static <T> T require(T image, String role) {
            if (image == null) {
                throw new BadInputException("No " + role + " image (null) was given; pass an open image, e.g. IJ.getImage() or IJ.openImage(path).");
            }
            return image;
        }
    }
}
