package nst.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import nst.app.ModelSource;
import nst.app.NeuralStyle;
import nst.app.PreparedRun;
import nst.convert.HeapMemory;
import nst.convert.ImageFiles;
import nst.convert.Images;
import nst.convert.Inputs;
import java.util.List;
import java.util.Optional;
import nst.core.BadInputException;
import nst.core.CancellationToken;
import nst.core.ModelNotFoundException;
import nst.core.ParamSpec;
import nst.core.ParamValues;
import nst.core.RegionMode;
import nst.core.ForwardingListener;
import nst.core.ProgressListener;
import nst.core.RgbImage;
import nst.core.StyleTransferException;
import nst.core.StyleTransferResult;
import nst.model.ModelInstaller;
import nst.model.ModelLocator;
import nst.model.ModelRegistry;
import nst.model.ModelSpec;

/**
 * Command line: {@code --content a.png --style b.jpg --output out.png [options]}. Exit codes: 0 ok,
 * 2 bad arguments, 3 model missing, 1 other failure; stopped by a signal (130, 143), the best image
 * so far goes to {@code <output>-partial.<ext>}. The output is written only when the run succeeds.
 */
public final class Main {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int BAD_ARGUMENTS = 2;
    public static final int MODEL_MISSING = 3;

    private final PrintStream out;
    private final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new Main(System.out, System.err).run(args));
    }

    int run(String[] args) {
        try {
            CliArgs cli = CliArgs.parse(args);
            ParamValues a = cli.params();
            if (cli.help()) {
                out.print(Usage.text());
                return OK;
            }
            if (cli.version()) {
                String v = Main.class.getPackage().getImplementationVersion();
                out.println("Neural_Style_Transfer " + (v == null ? "(development build)" : v));
                return OK;
            }
            ModelRegistry registry = ModelRegistry.load();
            ModelLocator locator = new ModelLocator(a.get(ParamSpec.MODELS_DIR).map(Path::of).orElseGet(ModelLocator::defaultDir));
            if (cli.listModels()) {
                listModels(registry, locator);
                return OK;
            }
            if (cli.verifyModels()) {
                return verifyModels(registry, locator);
            }
            if (cli.installModel() != null) {
                install(cli.from(), registry.get(cli.installModel()), locator);
                return OK;
            }
            stylize(a, registry, locator);
            return OK;
        } catch (ModelNotFoundException e) {
            err.println("Error: " + e.getMessage());
            return MODEL_MISSING;
        } catch (BadInputException e) {
            err.println("Error: " + e.getMessage());
            return BAD_ARGUMENTS;
        } catch (StyleTransferException e) {
            err.println("Error: " + e.getMessage());
            return FAILURE;
        } catch (java.nio.file.InvalidPathException e) {
            err.println("Error: the path '" + e.getInput() + "' cannot be used (" + e.getReason() + "); with non-ASCII names, run in a UTF-8"
                    + " locale, e.g. LANG=C.UTF-8.");
            return BAD_ARGUMENTS;
        } catch (RuntimeException e) {
            err.println("Error: unexpected failure: " + e);
            return FAILURE;
        } catch (OutOfMemoryError e) {
            err.println("Error: out of Java memory (" + e.getMessage() + "); use a smaller --size or --tile, " + HeapMemory.MORE_MEMORY + ".");
            return FAILURE;
        }
    }

    /** The input files by role, for the check that no output is one of them. */
    private static Map<String, Path> inputFiles(Path contentFile, List<Path> styleFiles, Optional<Path> initFile, Optional<Path> regionFile,
                                                Optional<Path> backgroundFile) {
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("content", contentFile);
        for (int i = 0; i < styleFiles.size(); i++) {
            inputs.put(styleFiles.size() == 1 ? "style" : "style " + (i + 1), styleFiles.get(i));
        }
        initFile.ifPresent(f -> inputs.put("init", f));
        regionFile.ifPresent(f -> inputs.put("region", f));
        backgroundFile.ifPresent(f -> inputs.put("background style", f));
        return inputs;
    }

    /** The command line has no selections: region is whole or labels (with --region-image); the region files go with labels. */
    private static void checkRegionOptions(ParamValues a) {
        RegionMode mode = a.region();
        if (mode == RegionMode.ROI_MANAGER) {
            throw new BadInputException("--region roi_manager works in ImageJ only; on the command line use --region labels --region-image labels.tif.");
        }
        boolean labels = mode == RegionMode.LABELS;
        if (labels != a.get(ParamSpec.REGION_IMAGE).isPresent()) {
            throw new BadInputException(labels ? "--region labels needs --region-image (0 = background, n = the n-th style image)."
                    : "--region-image needs --region labels.");
        }
        if (!labels && a.get(ParamSpec.BACKGROUND_STYLE).isPresent()) {
            throw new BadInputException("--background-style needs --region labels --region-image ...");
        }
    }

    private void stylize(ParamValues a, ModelRegistry registry, ModelLocator locator) {
        Path output = Path.of(a.required(ParamSpec.OUTPUT, "Option " + ParamSpec.OUTPUT.cliOption()));
        Path contentFile = Path.of(a.required(ParamSpec.CONTENT, "Option " + ParamSpec.CONTENT.cliOption()));
        List<Path> styleFiles = Inputs.splitStyles(a.required(ParamSpec.STYLE, "Option " + ParamSpec.STYLE.cliOption()), v -> Files.exists(Path.of(v)))
                .stream().map(Path::of).toList();
        Optional<Path> initFile = a.get(ParamSpec.INIT_IMAGE).map(Path::of);
        Optional<Path> regionFile = a.get(ParamSpec.REGION_IMAGE).map(Path::of);
        Optional<Path> backgroundFile = a.get(ParamSpec.BACKGROUND_STYLE).map(Path::of);
        checkRegionOptions(a);
        Optional<Sequences.Sequence> sequence = Sequences.open(contentFile, out::println);
        if (sequence.isPresent()) {
            Sequences.checkOutput(sequence.get().kind(), output);
        } else {
            ImageFiles.checkWritable(output);
        }
        Map<String, Path> inputs = inputFiles(contentFile, styleFiles, initFile, regionFile, backgroundFile);
        ImageFiles.checkNotAnInput(output, inputs);
        if (sequence.isEmpty()) {
            checkDerivedOutputs(output, inputs);
        } else {
            ImageFiles.checkNotAnInput(partialFile(output), inputs);
            Sequences.checkFrameOutputs(sequence.get(), output, inputs);
        }
        NeuralStyle.Builder recipe = NeuralStyle.builder().options(a).content(sequence.isPresent() ? sequence.get().frame(0, out::println)
                        : ImageFiles.open(contentFile, "content", out::println).getProcessor())
                .models(new ModelSource(registry, locator.dir(), spec -> a.flag(ParamSpec.DOWNLOAD),
                        id -> installCommand(id, a.get(ParamSpec.MODELS_DIR).map(d -> " --models-dir " + d).orElse("")),
                        "add --download to this command"))
                .log(out::println);
        for (Path s : styleFiles) {
            recipe.style(ImageFiles.open(s, "style", out::println).getProcessor());
        }
        initFile.ifPresent(f -> recipe.init(ImageFiles.open(f, "init", out::println).getProcessor()));
        regionFile.ifPresent(f -> recipe.regions(ImageFiles.open(f, "region", out::println).getProcessor()));
        backgroundFile.ifPresent(f -> recipe.backgroundStyle(ImageFiles.open(f, "background style", out::println).getProcessor()));
        TerminalProgress progress = new TerminalProgress(out, System.console() != null);
        PreparedRun run = recipe.build().prepare(progress, CancellationToken.NEVER);
        out.println(run.describe());
        StyleTransferResult r;
        // a signal during the run stops it and keeps the best image so far; after the run, it ends the JVM at once
        try (StopOnSignal stop = new StopOnSignal()) {
            if (sequence.isPresent()) {
                SequenceJob.run(run, sequence.get(), output, a, out, progress, stop);
                return;
            }
            r = run.run(new FrameWriter(progress, output), stop);
            if (r.cancelled()) {
                Path partial = partialFile(output);
                ImageFiles.save(Images.toImagePlus(r.image(), partial.getFileName().toString()), partial);
                out.printf(Locale.ROOT, "Stopped after %d iteration%s: wrote the best image so far%s to %s; %s was not written.%n",
                        r.iterations(), r.iterations() == 1 ? "" : "s", r.iterations() == 0 ? " (the resized start image)" : "", partial, output);
                return;
            }
        }
        ImageFiles.save(Images.toImagePlus(r.image(), output.getFileName().toString()), output);
        summary(output, run.content(), run.params(), r);
    }

    /**
     * The files a run may write besides the output, the partial result and the frames, must not
     * be inputs either: an input named like {@code out-partial.png} or {@code out_frame0003.png}
     * beside {@code out.png} is refused before the run.
     */
    static void checkDerivedOutputs(Path output, Map<String, Path> inputs) {
        ImageFiles.checkNotAnInput(partialFile(output), inputs);
        String name = output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        java.util.regex.Pattern frame = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(name.substring(0, dot)) + "_frame(\\d{4,})"
                + java.util.regex.Pattern.quote(name.substring(dot)));
        for (Map.Entry<String, Path> in : inputs.entrySet()) {
            java.util.regex.Matcher m = frame.matcher(in.getValue().getFileName().toString());
            if (m.matches()) {
                ImageFiles.checkNotAnInput(frameFile(output, Integer.parseInt(m.group(1))), Map.of(in.getKey(), in.getValue()));
            }
        }
    }

    /** One line: what was written, the loss before and after (not for tiled runs: each tile's loss is its own), the time. */
    private void summary(Path output, RgbImage c, nst.core.StyleParams params, StyleTransferResult r) {
        String frames = r.frames() == 0 ? "" : " and " + r.frames() + " frames";
        String time = String.format(Locale.ROOT, "in %.1f s (%.3f s/iteration)", r.setupSeconds() + r.optimizeSeconds(),
                r.optimizeSeconds() / Math.max(1, r.iterations()));
        if (params.tile() > 0 && Math.max(c.width(), c.height()) > params.tile()) {
            out.printf(Locale.ROOT, "Wrote %s (%dx%d)%s in tiles of at most %d px (each tile's loss is its own, so none is given for the"
                    + " whole image) %s%n", output, c.width(), c.height(), frames, params.tile(), time);
            return;
        }
        double first = r.losses().get(0).total();
        out.printf(Locale.ROOT, "Wrote %s (%dx%d)%s: loss %.4g -> %.4g (%.1f%% lower) %s%n", output, c.width(), c.height(), frames,
                first, r.finalLosses().total(), 100 * (1 - r.finalLosses().total() / first), time);
    }

    /** Writes each frame beside the output as it comes ({@code out_frame0001.png}, ...), so none is held in memory. */
    private static final class FrameWriter extends ForwardingListener {
        private final Path output;

        FrameWriter(ProgressListener progress, Path output) {
            super(progress);
            this.output = output;
        }

        @Override
        public void onFrame(RgbImage frame, int number) {
            ImageFiles.save(Images.toImagePlus(frame, "frame"), frameFile(output, number));
        }
    }

    /** out.png -> out-partial.png (a folder: out -> out-partial): where a stopped run leaves its best image. */
    static Path partialFile(Path output) {
        String name = output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return output.resolveSibling(name + "-partial");
        }
        return output.resolveSibling(name.substring(0, dot) + "-partial" + name.substring(dot));
    }

    /** out.png -> out_frame0001.png */
    static Path frameFile(Path output, int n) {
        String name = output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return output.resolveSibling(String.format(Locale.ROOT, "%s_frame%04d%s", name.substring(0, dot), n, name.substring(dot)));
    }

    /** How the command line installs a model ({@code folder}: the --models-dir option this run was given, or empty). */
    static String installCommand(String id, String folder) {
        return "scripts/nst --install-model " + id + folder + " (or --install-model " + id + " --from FILE" + folder + " without internet)";
    }

    private void install(String from, ModelSpec spec, ModelLocator locator) {
        if (spec.bundled() && (from == null || from.isEmpty())) {
            out.println(spec.id() + " is bundled in the plugin: there is nothing to download. (--from FILE installs a copy into "
                    + locator.dir() + ", which is then used first.)");
            return;
        }
        Path p = new ModelInstaller(locator.dir()).install(spec, from, new TerminalProgress(out, System.console() != null),
                CancellationToken.NEVER);
        out.println("Installed " + spec.id() + " (verified): " + p);
    }

    /** Rehashes every installed model (and the bundled one) in full: exit 1 when one is damaged. */
    private int verifyModels(ModelRegistry registry, ModelLocator locator) {
        out.println("Models folder: " + locator.dir());
        boolean ok = true;
        for (nst.model.VerifyResult r : nst.model.ModelVerifier.verifyAll(registry, locator)) {
            out.println("  " + r.describe());
            ok &= r.ok();
        }
        return ok ? OK : FAILURE;
    }

    private void listModels(ModelRegistry registry, ModelLocator locator) {
        out.println("Models folder: " + locator.dir());
        for (ModelSpec m : registry.models()) {
            out.printf(Locale.ROOT, "  %-14s %-45s %-12s %s%n", m.id(), m.name(), m.sizeText(), switch (locator.availability(m)) {
                case INSTALLED -> "installed: " + locator.find(m).orElseThrow();
                case BUNDLED -> "bundled (in the plugin jar)";
                case MISSING -> "not installed";
            });
        }
    }
}
