package nst.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark retries a task that failed after writing its temporary file and before renaming it, as a
 * killed executor would leave it: the retry makes one complete output, and no temporary file of
 * either attempt is left; nor is the temporary file of an attempt killed in an earlier job.
 */
class TaskRetryTest {
    @TempDir
    Path tmp;

    /** Fails the first attempt at the item of input {@code victim}. */
    private static final class FailFirstAttempt implements TaskHook {
        private final String victim;

        FailFirstAttempt(String victim) {
            this.victim = victim;
        }

        @Override
        public void beforeRename(BatchItem item, int attempt) {
            if (item.input().endsWith(victim) && attempt == 0) {
                throw new IllegalStateException("injected failure of the first attempt at " + item.output());
            }
        }
    }

    /** in/f0.png, f1.png, f2.png of {@code w x h}, each with one pixel of {@code rgb} at its own place, and a black style.png. */
    private Path pictures(int w, int h, int rgb) throws java.io.IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (int i = 0; i < 3; i++) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            img.setRGB(i * 10, i * 5, rgb);
            ImageIO.write(img, "png", in.resolve("f" + i + ".png").toFile());
        }
        ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB), "png", tmp.resolve("style.png").toFile());
        return in;
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndLeavesOneCompleteOutput() throws Exception {
        Path in = pictures(48, 40, 0xff8000);
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Path killed = out.resolve(".f2_style.png.task999.tmp");
        Files.write(killed, new byte[] {1, 2, 3});
        BatchArgs a = BatchArgs.parse(new String[] {"--input", in.toString(), "--style", tmp.resolve("style.png").toString(), "--output",
            out.toString(), "--size", "40", "--iterations", "2", "--scales", "1", "--model", "squeezenet1.1"});
        // local[2, 2]: two task slots, each task tried up to twice
        SparkSession spark = SparkSession.builder().master("local[2,2]").appName("retry").getOrCreate();
        BatchJob.Outcome o;
        try {
            o = new BatchJob(spark, new FailFirstAttempt("f1.png")).run(a, BatchJob.Progress.NONE);
        } finally {
            spark.stop();
        }
        assertEquals(0, o.failed(), o.rows().toString());
        assertEquals(3, o.count(ManifestRow.OK));
        List<Path> left;
        try (Stream<Path> s = Files.walk(out)) {
            left = s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
        assertEquals(List.of(), left, "no temporary file is left");
        for (String name : List.of("f0_style.png", "f1_style.png", "f2_style.png")) {
            BufferedImage img = ImageIO.read(out.resolve(name).toFile());
            assertNotNull(img, name + " decodes");
            assertEquals(40, Math.max(img.getWidth(), img.getHeight()), name);
        }
        Map<String, Long> byStatus = o.rows().stream().collect(java.util.stream.Collectors.groupingBy(ManifestRow::status,
                java.util.stream.Collectors.counting()));
        assertEquals(Map.of("ok", 3L), byStatus);
        assertTrue(Files.notExists(killed));
    }

    /**
     * One task for three pictures, failed after the first two were written: the retry keeps those two
     * as this job's, even where the last manifest says another run made them with other options (the
     * user deleted them to make them again, as the message of that case says).
     */
    @Test
    void aRetriedTaskKeepsThePicturesItsFirstAttemptFinished() throws Exception {
        Path in = pictures(40, 40, 0x3080ff);
        Path out = tmp.resolve("out");
        List<String> common = List.of("--input", in.toString(), "--style", tmp.resolve("style.png").toString(), "--output", out.toString(),
                "--size", "32", "--iterations", "2", "--scales", "1", "--model", "squeezenet1.1", "--partitions", "1");
        SparkSession spark = SparkSession.builder().master("local[1,2]").appName("retry").getOrCreate();
        try {
            BatchJob.Outcome first = new BatchJob(spark, TaskHook.NONE).run(BatchArgs.parse(common.toArray(String[]::new)), BatchJob.Progress.NONE);
            assertEquals(3, first.count(ManifestRow.OK));
            for (int i = 0; i < 3; i++) {
                Files.delete(out.resolve("f" + i + "_style.png"));
            }
            List<String> other = new java.util.ArrayList<>(common);
            other.addAll(List.of("--tv-weight", "2"));
            BatchJob.Outcome second = new BatchJob(spark, new FailFirstAttempt("f2.png")).run(BatchArgs.parse(other.toArray(String[]::new)),
                    BatchJob.Progress.NONE);
            assertEquals(0, second.failed(), second.rows().toString());
            assertEquals(1, second.count(ManifestRow.OK), "f2, made by the retry");
            assertEquals(2, second.count(ManifestRow.EXISTS), "f0 and f1, made by the first attempt");
            assertTrue(second.rows().stream().allMatch(r -> r.optionsHash().equals(second.rows().get(0).optionsHash())));
        } finally {
            spark.stop();
        }
    }
}
