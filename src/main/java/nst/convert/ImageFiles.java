package nst.convert;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import nst.core.BadInputException;
import nst.core.StyleTransferException;

/** Reading and writing image files headless, through ImageJ; results are written atomically. */
public final class ImageFiles {
    private ImageFiles() { }

    public static ImagePlus open(Path file, String role) {
        return open(file, role, w -> { });
    }

    /** Opens an image; {@code warn} hears of a file that decodes but is damaged (a truncated JPEG). */
    public static ImagePlus open(Path file, String role, java.util.function.Consumer<String> warn) {
        if (!Files.exists(file)) {
            throw new BadInputException("The " + role + " image " + file + " does not exist; check the path.");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new BadInputException("The " + role + " image " + file + " is not a readable file; check the path and its permissions.");
        }
        if (jpegComponents(file) == 4) {
            throw new BadInputException("The " + role + " image " + file + " is a CMYK JPEG, which ImageJ cannot read; save it as an RGB"
                    + " image first (e.g. ImageMagick: convert in.jpg -colorspace sRGB out.jpg).");
        }
        header(file).ifPresent(d -> HeapMemory.requireDecodable(role + " image " + file, d.width, d.height));
        ImagePlus imp = IJ.openImage(file.toString());
        if (imp == null || imp.getProcessor() == null) {
            throw new BadInputException("The " + role + " image " + file + " cannot be read as an image; use a PNG, JPEG or TIFF file.");
        }
        Inputs.checkPixels(role + " image " + file, imp.getWidth(), imp.getHeight());
        if (truncatedJpeg(file)) {
            warn.accept("Warning: the " + role + " image " + file + " is a truncated JPEG (its data ends early); the missing part"
                    + " comes out grey.");
        }
        return imp;
    }

    /**
     * The number of colour components in a JPEG's frame header (3 for RGB, 1 for grey, 4 for CMYK
     * or YCCK); 0 when the file is not a JPEG or has no frame header.
     */
    static int jpegComponents(Path file) {
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readUnsignedShort() != 0xffd8) {
                return 0;
            }
            while (true) {
                int marker = in.readUnsignedShort();
                if ((marker & 0xff00) != 0xff00 || marker == 0xffd9 || marker == 0xffda) {
                    return 0;
                }
                int length = in.readUnsignedShort();
                boolean frame = marker >= 0xffc0 && marker <= 0xffcf && marker != 0xffc4 && marker != 0xffc8 && marker != 0xffcc;
                if (frame) {
                    in.skipBytes(5); // precision, height, width
                    return in.readUnsignedByte();
                }
                in.skipNBytes(length - 2);
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** A JPEG whose last bytes (after any zero padding) are not the end-of-image marker FF D9. */
    static boolean truncatedJpeg(Path file) {
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file)) {
            java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(2);
            ch.read(head);
            if (head.position() < 2 || (head.get(0) & 0xff) != 0xff || (head.get(1) & 0xff) != 0xd8) {
                return false;
            }
            long size = ch.size();
            java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate((int) Math.min(size, 4096));
            ch.position(size - tail.capacity());
            while (tail.hasRemaining() && ch.read(tail) > 0) {
                // read the whole tail
            }
            byte[] t = tail.array();
            int end = t.length;
            while (end > 2 && t[end - 1] == 0) {
                end--;
            }
            return !((t[end - 2] & 0xff) == 0xff && (t[end - 1] & 0xff) == 0xd9);
        } catch (IOException e) {
            return false;
        }
    }

    /** The image's size from its header, without decoding it; empty when no ImageIO reader knows the format. */
    static java.util.Optional<java.awt.Dimension> header(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            java.util.Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return java.util.Optional.empty();
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in, true, true);
                return java.util.Optional.of(new java.awt.Dimension(r.getWidth(0), r.getHeight(0)));
            } finally {
                r.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty(); // ImageJ's reader decides, and says what is wrong
        }
    }

    /**
     * Throws unless {@code file} can be written: its folder exists and is writable, it is not a
     * folder itself, its name fits the file system (255 bytes), and its extension is supported.
     */
    public static void checkWritable(Path file) {
        if (Files.isDirectory(file)) {
            throw new BadInputException("The output " + file + " is a folder; give a file name, e.g. " + file.resolve("result.png") + ".");
        }
        if (file.getFileName() != null && file.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
            throw new BadInputException("The output file name is longer than the 255 bytes a file system allows; choose a shorter name.");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new BadInputException("The output folder " + parent + " does not exist; create it or choose another output path.");
        }
        if (!Files.isWritable(parent)) {
            throw new BadInputException("The output folder " + parent + " is not writable; choose another output path.");
        }
        format(file);
    }

    /**
     * Throws when {@code output} is one of the {@code inputs} (by role: "content", "style", ...):
     * the same file by its real path, however it is spelled (relative parts, symbolic or hard
     * links), so that a result never replaces a user's picture.
     */
    public static void checkNotAnInput(Path output, java.util.Map<String, Path> inputs) {
        if (!Files.exists(output)) {
            return;
        }
        for (java.util.Map.Entry<String, Path> in : inputs.entrySet()) {
            try {
                if (in.getValue() != null && Files.exists(in.getValue()) && Files.isSameFile(output, in.getValue())) {
                    throw new BadInputException("The output " + output + " is the " + in.getKey() + " image " + in.getValue()
                            + " itself; writing the result there would replace it. Choose another output file.");
                }
            } catch (IOException e) {
                throw new BadInputException("Cannot tell whether the output " + output + " is the " + in.getKey() + " image ("
                        + e.getMessage() + "); choose another output file.");
            }
        }
    }

    /**
     * Writes {@code imp} as PNG, JPEG (the current slice) or TIFF (with its stack and calibration),
     * chosen by the extension, through {@link AtomicFiles}: the file is complete or not there.
     */
    public static void save(ImagePlus imp, Path file) {
        checkWritable(file);
        AtomicFiles.write(encode(imp, format(file), file), file);
    }

    /** The bytes {@link #save} would write for a file named {@code fileName} (its extension picks the format). */
    public static byte[] encode(ImagePlus imp, String fileName) {
        Path file = Path.of(fileName);
        return encode(imp, format(file), file);
    }

    static byte[] encode(ImagePlus imp, String fmt, Path file) {
        if (fmt.equals("tif")) {
            byte[] tiff = new FileSaver(imp).serialize();
            if (tiff == null) {
                throw new StyleTransferException("Encoding " + file + " as TIFF failed.");
            }
            return tiff;
        }
        BufferedImage img = imp.getProcessor().getBufferedImage();
        try {
            return fmt.equals("png") ? encode(img, "png", null) : jpeg(img);
        } catch (IOException e) {
            throw new StyleTransferException("Encoding " + file + " failed (" + e.getMessage() + ").", e);
        }
    }

    /** JPEG at ImageJ's quality setting (Edit > Options > Input/Output). */
    private static byte[] jpeg(BufferedImage img) throws IOException {
        BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(img, 0, 0, null);
        return encode(rgb, "jpeg", FileSaver.getJpegQuality() / 100f);
    }

    /**
     * Encodes in memory only: ImageIO's default file cache registers a shutdown hook, which fails
     * while the JVM shuts down (when a stopped run writes its best image).
     */
    private static byte[] encode(BufferedImage img, String format, Float quality) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = w.getDefaultWriteParam();
            if (quality != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            w.setOutput(out);
            w.write(null, new IIOImage(img, null, null), param);
        } finally {
            w.dispose();
        }
        return bytes.toByteArray();
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
