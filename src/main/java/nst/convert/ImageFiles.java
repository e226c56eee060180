package nst.convert;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import nst.core.BadInputException;
import nst.core.StyleTransferException;

/** Reading and writing image files headless, through ImageJ; results are written atomically. */
public final class ImageFiles {
    private ImageFiles() { }

    public static ImagePlus open(Path file, String role) {
        if (!Files.exists(file)) {
            throw new BadInputException("The " + role + " image " + file + " does not exist; check the path.");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new BadInputException("The " + role + " image " + file + " is not a readable file; check the path and its permissions.");
        }
        ImagePlus imp = IJ.openImage(file.toString());
        if (imp == null || imp.getProcessor() == null) {
            throw new BadInputException("The " + role + " image " + file + " cannot be read as an image; use a PNG, JPEG or TIFF file.");
        }
        if (imp.getWidth() < 2 || imp.getHeight() < 2) {
            throw new BadInputException("The " + role + " image " + file + " is " + imp.getWidth() + "x" + imp.getHeight()
                    + " pixels; use an image of at least a few pixels on each side.");
        }
        return imp;
    }

    /** Throws unless {@code file} can be written: its folder exists and its extension is supported. */
    public static void checkWritable(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new BadInputException("The output folder " + parent + " does not exist; create it or choose another output path.");
        }
        if (!Files.isWritable(parent)) {
            throw new BadInputException("The output folder " + parent + " is not writable; choose another output path.");
        }
        format(file);
    }

    /** Writes to a temporary file beside {@code file}, then moves it into place. */
    public static void save(ImagePlus imp, Path file) {
        checkWritable(file);
        String fmt = format(file);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".nst-", "." + fmt);
            FileSaver fs = new FileSaver(imp);
            boolean ok = switch (fmt) {
                case "png" -> fs.saveAsPng(tmp.toString());
                case "jpg" -> fs.saveAsJpeg(tmp.toString());
                default -> fs.saveAsTiff(tmp.toString());
            };
            if (!ok || Files.size(tmp) == 0) {
                throw new StyleTransferException("Writing " + file + " failed; check the free disk space and permissions.");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            throw new StyleTransferException("Writing " + file + " failed (" + e.getMessage() + "); check the free disk space and permissions.", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file has a hidden name
                }
            }
        }
    }

    private static String format(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".png")) {
            return "png";
        }
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return "jpg";
        }
        if (n.endsWith(".tif") || n.endsWith(".tiff")) {
            return "tif";
        }
        throw new BadInputException("The output " + file + " has no supported extension; use .png, .tif or .jpg.");
    }
}
