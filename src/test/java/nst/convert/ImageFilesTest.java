package nst.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nst.core.BadInputException;
import nst.core.StyleTransferException;
import nst.testutil.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing results: complete or absent, never over an input, in every format. */
class ImageFilesTest {
    @TempDir
    Path tmp;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A disk that fills after {@code room} bytes: the write fails as a real full disk does. */
    private static AtomicFiles.Opener fullDiskAfter(int room) {
        return p -> new FilterOutputStream(new FileOutputStream(p.toFile())) {
            private int written;

            @Override
            public void write(int b) throws IOException {
                if (++written > room) {
                    throw new IOException("No space left on device");
                }
                super.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = 0; i < len; i++) {
                    write(b[off + i]);
                }
            }
        };
    }

    @Test
    void aFullDiskLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = tmp.resolve("result.png");
        byte[] good = ImageFiles.encode(Images.toImagePlus(TestImages.pattern(20, 20, 1), "a"), "png", target);
        AtomicFiles.write(good, target);
        byte[] next = ImageFiles.encode(Images.toImagePlus(TestImages.pattern(40, 40, 2), "b"), "png", target);
        StyleTransferException e = assertThrows(StyleTransferException.class, () -> AtomicFiles.write(next, target, fullDiskAfter(100)));
        assertTrue(e.getMessage().contains("No space left on device") && e.getMessage().contains("existing file is unchanged"), e.getMessage());
        assertArrayEquals(good, Files.readAllBytes(target), "the previous good result stays");
        assertEquals(List.of("result.png"), names(), "no temporary file left");
    }

    @Test
    void aWriteThatLosesBytesSilentlyIsCaught() throws IOException {
        Path target = tmp.resolve("result.tif");
        AtomicFiles.Opener dropsHalf = p -> new OutputStream() {
            private final OutputStream out = new FileOutputStream(p.toFile());
            private long n;

            @Override
            public void write(int b) throws IOException {
                if (n++ % 2 == 0) {
                    out.write(b);
                }
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
        StyleTransferException e = assertThrows(StyleTransferException.class, () -> AtomicFiles.write(new byte[1000], target, dropsHalf));
        assertTrue(e.getMessage().contains("only 500 of 1000 bytes"), e.getMessage());
        assertEquals(List.of(), names());
    }

    @Test
    void staleTemporaryFilesOfAKilledRunAreSweptAndLiveOnesKept() throws IOException {
        Path stale = Files.createFile(tmp.resolve(".nst-0000.tmp"));
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(AtomicFiles.STALE).minusSeconds(60)));
        Path live = Files.createFile(tmp.resolve(".nst-1111.tmp"));
        Path mine = Files.createFile(tmp.resolve(".nst-notes.txt"));
        AtomicFiles.write(new byte[] {1, 2, 3}, tmp.resolve("out.png"));
        assertEquals(List.of(live.getFileName().toString(), mine.getFileName().toString(), "out.png"), names());
    }

    @Test
    void resultsGetTheFoldersUsualPermissions() throws IOException {
        Path target = tmp.resolve("shared.png");
        ImageFiles.save(Images.toImagePlus(TestImages.pattern(8, 8, 1), "a"), target);
        if (Files.getFileStore(target).supportsFileAttributeView("posix")) {
            Path plain = Files.createFile(tmp.resolve("plain"));
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target), "as any new file under the umask");
            assertTrue(Files.getPosixFilePermissions(target).contains(PosixFilePermission.OWNER_READ));
        }
    }

    /** Replacing a file keeps its permissions (a private result stays private); a symbolic link is written through. */
    @Test
    void aPrivateResultStaysPrivateAndALinkStaysALink() throws IOException {
        Path target = tmp.resolve("private.png");
        AtomicFiles.write(new byte[] {1}, target);
        if (Files.getFileStore(target).supportsFileAttributeView("posix")) {
            java.util.Set<PosixFilePermission> mine = java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
            Files.setPosixFilePermissions(target, mine);
            AtomicFiles.write(new byte[] {2, 3}, target);
            assertEquals(mine, Files.getPosixFilePermissions(target));
        }
        Path real = tmp.resolve("real.png");
        AtomicFiles.write(new byte[] {4}, real);
        Path link = Files.createSymbolicLink(tmp.resolve("link.png"), real);
        AtomicFiles.write(new byte[] {5, 6}, link);
        assertTrue(Files.isSymbolicLink(link), "the link stays");
        assertArrayEquals(new byte[] {5, 6}, Files.readAllBytes(real), "the file it points to was replaced");
    }

    @Test
    void everyFormatWritesOneCompleteFileAndNothingElse() throws IOException {
        ImageStack st = new ImageStack(12, 10);
        for (int i = 0; i < 3; i++) {
            st.addSlice(Images.toImagePlus(TestImages.pattern(12, 10, i), "").getProcessor());
        }
        ImagePlus stack = new ImagePlus("stack", st);
        stack.getCalibration().setUnit("mm");
        stack.getCalibration().pixelWidth = 0.5;
        ImageFiles.save(stack, tmp.resolve("a.tif"));
        ImageFiles.save(stack, tmp.resolve("b.png"));
        ImageFiles.save(stack, tmp.resolve("c.jpg"));
        assertEquals(List.of("a.tif", "b.png", "c.jpg"), names(), "no .temp or .nst-* file left (JPEG included)");
        ImagePlus tif = IJ.openImage(tmp.resolve("a.tif").toString());
        assertEquals(3, tif.getStackSize());
        assertEquals("mm", tif.getCalibration().getUnit());
        assertArrayEquals(rgb((int[]) st.getPixels(2)), rgb((int[]) tif.getStack().getPixels(2)));
        ImagePlus png = IJ.openImage(tmp.resolve("b.png").toString());
        assertArrayEquals(rgb((int[]) st.getPixels(1)), rgb((int[]) png.getProcessor().getPixels()), "PNG: the current slice, lossless");
        assertEquals(12, IJ.openImage(tmp.resolve("c.jpg").toString()).getWidth());
    }

    @Test
    void anOutputThatIsAnInputIsRefusedHoweverItIsSpelled() throws IOException {
        Path photo = tmp.resolve("photo.png");
        ImageFiles.save(Images.toImagePlus(TestImages.pattern(8, 8, 1), "a"), photo);
        Files.createDirectories(tmp.resolve("x"));
        Path link = Files.createSymbolicLink(tmp.resolve("link.png"), photo);
        Path hard = Files.createLink(tmp.resolve("hard.png"), photo);
        for (Path out : List.of(photo, tmp.resolve("x/.././photo.png"), link, hard, Path.of(".").toAbsolutePath().relativize(photo))) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> ImageFiles.checkNotAnInput(out, Map.of("content", tmp.resolve("x/../photo.png"))), out.toString());
            assertTrue(e.getMessage().contains("is the content image") && e.getMessage().contains("would replace it"), e.getMessage());
        }
        ImageFiles.checkNotAnInput(tmp.resolve("new.png"), Map.of("content", photo));
        ImageFiles.checkNotAnInput(tmp.resolve("x/other.png"), Map.of("content", photo));
    }

    @Test
    void aFolderOrAnOverlongNameIsRefusedBeforeAnyWork() {
        BadInputException e = assertThrows(BadInputException.class, () -> ImageFiles.checkWritable(tmp));
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> ImageFiles.checkWritable(tmp.resolve("x".repeat(300) + ".png")));
        assertTrue(e.getMessage().contains("255 bytes"), e.getMessage());
    }

    private static int[] rgb(int[] argb) {
        return java.util.Arrays.stream(argb).map(v -> v & 0xffffff).toArray();
    }
}
