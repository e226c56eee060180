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
                        .sorted().toList();
            } catch (IOException e) {
                throw new BadInputException("The folder " + content + " cannot be read: " + e.getMessage() + ".");
            }
            if (files.size() < 2) {
                throw new BadInputException("The folder " + content + " holds " + files.size() + " image(s); a sequence needs 2 frames or more.");
            }
            return Optional.of(new Sequence(Kind.FOLDER, files, null));
        }
        if (name.endsWith(".avi")) {
            ImagePlus avi = ij.plugin.AVI_Reader.open(content.toString(), false);
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

    /** Writes the frames as {@code s}'s kind; a TIFF or AVI keeps the content's frame interval. */
    static void write(Sequence s, Path output, List<RgbImage> frames) {
        if (s.kind() == Kind.FOLDER) {
            for (int k = 0; k < frames.size(); k++) {
                ImageFiles.save(Images.toImagePlus(frames.get(k), s.name(k)), output.resolve(s.name(k)));
            }
            return;
        }
        ImageStack st = new ImageStack(frames.get(0).width(), frames.get(0).height());
        frames.forEach(f -> st.addSlice(Images.toImagePlus(f, "").getProcessor()));
        ImagePlus imp = new ImagePlus(output.getFileName().toString(), st);
        imp.setDimensions(1, 1, frames.size());
        imp.getCalibration().frameInterval = s.stack().getCalibration().frameInterval;
        imp.getCalibration().fps = s.stack().getCalibration().fps;
        if (s.kind() == Kind.TIFF) {
            ImageFiles.save(imp, output);
            return;
        }
        try {
            Path tmp = Files.createTempFile(output.toAbsolutePath().getParent(), ".nst-", ".avi");
            try {
                new ij.plugin.filter.AVI_Writer().writeImage(imp, tmp.toString(), ij.plugin.filter.AVI_Writer.JPEG_COMPRESSION, 90);
                AtomicFiles.write(Files.readAllBytes(tmp), output);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new BadInputException("Writing " + output + " failed (" + e.getMessage() + "); nothing was written.");
        }
    }
}
