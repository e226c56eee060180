package nst.cli;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import nst.convert.AtomicFiles;
import nst.convert.ImageFiles;
import nst.convert.Images;
import nst.core.BadInputException;
import nst.core.RgbImage;

/**
 * A sequence of frames given as --content: a folder of images (in name order), a multi-page TIFF
 * or an AVI (ImageJ's reader). The result is written as the same kind: a folder of PNGs named
 * like the inputs, a multi-page TIFF (with the frame interval) or an AVI.
 */
final class Sequences {
    enum Kind { FOLDER, TIFF, AVI }

    /** The frames: a folder's files, or a TIFF's or AVI's stack. */
    record Sequence(Kind kind, List<Path> files, ImagePlus stack) {
        int count() {
            return kind == Kind.FOLDER ? files.size() : stack.getStackSize();
        }

        ImageProcessor frame(int k, Consumer<String> log) {
            return kind == Kind.FOLDER ? ImageFiles.open(files.get(k), "frame " + (k + 1), log).getProcessor() : stack.getStack().getProcessor(k + 1);
        }

        String name(int k) {
            String n = kind == Kind.FOLDER ? files.get(k).getFileName().toString() : String.format(Locale.ROOT, "frame%04d", k + 1);
            int dot = n.lastIndexOf('.');
            return (dot > 0 ? n.substring(0, dot) : n) + ".png";
        }
    }

    private Sequences() { }

    /** The sequence {@code content} holds, or empty for a single image. */
    static Optional<Sequence> open(Path content, Consumer<String> log) {
        String name = content.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(content)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(content)) {
                files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|tif|tiff|jpg|jpeg|bmp|gif)"))
                        .sorted(Sequences::naturalOrder).toList();
            } catch (IOException e) {
                throw new BadInputException("The folder " + content + " cannot be read: " + e.getMessage() + ".");
            }
            if (files.size() < 2) {
                throw new BadInputException("The folder " + content + " holds " + files.size() + " image(s); a sequence needs 2 frames or more.");
            }
            return Optional.of(new Sequence(Kind.FOLDER, files, null));
        }
        if (name.endsWith(".avi")) {
            ImagePlus avi = ij.plugin.AVI_Reader.open(content.toString(), true); // virtual: frames are read as they are needed
            if (avi == null || avi.getStackSize() < 1) {
                throw new BadInputException("The AVI file " + content + " cannot be read (ImageJ reads uncompressed, JPEG and PNG AVIs).");
            }
            return Optional.of(new Sequence(Kind.AVI, List.of(), avi));
        }
        if (name.endsWith(".tif") || name.endsWith(".tiff")) {
            ImagePlus tif = ImageFiles.open(content, "content", log);
            if (tif.getStackSize() > 1) {
                return Optional.of(new Sequence(Kind.TIFF, List.of(), tif));
            }
        }
        return Optional.empty();
    }

    /** Checks the output for a sequence of {@code kind}: a folder (created when its parent exists), a .tif, or an .avi. */
    static void checkOutput(Kind kind, Path output) {
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        switch (kind) {
            case FOLDER -> {
                if (Files.exists(output) && !Files.isDirectory(output)) {
                    throw new BadInputException("The content is a folder of frames, so the output is a folder too; " + output + " is a file.");
                }
                // the folder, or (made at the end) its parent, must take files
                ImageFiles.checkWritable(Files.isDirectory(output) ? output.resolve("frame.png") : output.resolveSibling("frame.png"));
            }
            case TIFF -> {
                if (!name.endsWith(".tif") && !name.endsWith(".tiff")) {
                    throw new BadInputException("The content is a multi-page TIFF, so the output is one too; name it .tif.");
                }
                ImageFiles.checkWritable(output);
            }
            case AVI -> {
                if (!name.endsWith(".avi")) {
                    throw new BadInputException("The content is an AVI, so the output is one too; name it .avi.");
                }
                ImageFiles.checkWritable(output.resolveSibling("frame.png")); // the folder must take files
            }
        }
    }

    /**
     * Checks before the run that no frame the run would write is an input (a style image in the
     * output folder under a frame's name) and that no two frames share a name (a.png and a.tif).
     */
    static void checkFrameOutputs(Sequence s, Path output, java.util.Map<String, Path> inputs) {
        if (s.kind() != Kind.FOLDER) {
            return;
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int k = 0; k < s.count(); k++) {
            if (!names.add(s.name(k))) {
                throw new BadInputException("Two frames of " + s.files().get(0).getParent() + " would both be written as " + s.name(k)
                        + " (e.g. a.png and a.tif); rename one.");
            }
            ImageFiles.checkNotAnInput(output.resolve(s.name(k)), inputs);
        }
    }

    /** Names in natural order: frame2 before frame10. */
    static int naturalOrder(Path a, Path b) {
        String x = a.getFileName().toString();
        String y = b.getFileName().toString();
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            char c = x.charAt(i);
            char d = y.charAt(j);
            if (Character.isDigit(c) && Character.isDigit(d)) {
                int i2 = i;
                int j2 = j;
                while (i2 < x.length() && Character.isDigit(x.charAt(i2))) {
                    i2++;
                }
                while (j2 < y.length() && Character.isDigit(y.charAt(j2))) {
                    j2++;
                }
                int cmp = new java.math.BigInteger(x.substring(i, i2)).compareTo(new java.math.BigInteger(y.substring(j, j2)));
                if (cmp != 0) {
                    return cmp;
                }
                i = i2;
                j = j2;
            } else {
                if (c != d) {
                    return Character.compare(c, d);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(x.length() - i, y.length() - j);
    }

    /**
     * Writes a sequence's frames as they come: a folder's frames each into the output folder at
     * once; a TIFF's or AVI's into one file at the end (as ImageJ images, 4 bytes a pixel), with
     * the content's calibration and frame interval.
     */
    static final class Writer {
        private final Sequence s;
        private final Path target;
        private ImageStack stack;
        private int written;

        Writer(Sequence s, Path target) {
            this.s = s;
            this.target = target;
            if (s.kind() == Kind.FOLDER) {
                try {
                    Files.createDirectories(target);
                } catch (IOException e) {
                    throw new BadInputException("The output folder " + target + " cannot be created: " + e.getMessage() + ".");
                }
            }
        }

        void add(RgbImage frame) {
            if (s.kind() == Kind.FOLDER) {
                ImageFiles.save(Images.toImagePlus(frame, s.name(written)), target.resolve(s.name(written)));
            } else {
                if (stack == null) {
                    stack = new ImageStack(frame.width(), frame.height());
                }
                stack.addSlice(Images.toImagePlus(frame, "").getProcessor());
            }
            written++;
        }

        int written() {
            return written;
        }

        /** Writes a TIFF's or AVI's file (to {@code file}: the output, or the partial one). */
        void finish(Path file) {
            if (s.kind() == Kind.FOLDER || stack == null) {
                return;
            }
            ImagePlus imp = new ImagePlus(file.getFileName().toString(), stack);
            imp.setDimensions(1, 1, stack.getSize());
            ij.measure.Calibration cal = s.stack().getCalibration().copy();
            imp.setCalibration(cal);
            if (s.kind() == Kind.TIFF) {
                ImageFiles.save(imp, file);
                return;
            }
            try {
                Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".nst-", ".avi");
                try {
                    new ij.plugin.filter.AVI_Writer().writeImage(imp, tmp.toString(), ij.plugin.filter.AVI_Writer.JPEG_COMPRESSION, 90);
                    AtomicFiles.write(Files.readAllBytes(tmp), file);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                throw new BadInputException("Writing " + file + " failed (" + e.getMessage() + "); nothing was written.");
            }
        }
    }
}
