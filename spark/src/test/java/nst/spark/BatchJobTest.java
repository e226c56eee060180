package nst.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import nst.app.NetworkCache;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch job in Spark's local mode with two task slots (and, where a test needs one, a second
 * attempt per task), on 48 px pictures with the bundled SqueezeNet, through the same entry point
 * as spark-submit ({@link BatchMain#run}).
 */
class BatchJobTest {
    @TempDir
    Path tmp;

    private static void picture(Path file, long seed) throws IOException {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(40 + r.nextInt(24), 40 + r.nextInt(24), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, ((x * (int) (seed + 3)) & 0xff) << 16 | ((y * 7) & 0xff) << 8 | r.nextInt(256));
            }
        }
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(img, "png", file.toFile()));
    }

    private record Run(int status, String out, String err) { }

    private Run batch(String... args) {
        List<String> all = new ArrayList<>(List.of("--master", "local[2]", "--size", "48", "--iterations", "3", "--scales", "1",
                "--model", "squeezenet1.1", "--models-dir", tmp.resolve("models").toString()));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BatchMain.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Every file under {@code dir} by its relative path (manifests left out). */
    private static Map<String, Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !dir.relativize(p).toString().startsWith("manifest"))
                    .collect(Collectors.toMap(p -> dir.relativize(p).toString(), p -> p, (a, b) -> a, TreeMap::new));
        }
    }

    /** The manifest's CSV rows as column -> value maps (values in double quotes may hold commas; "" is a quote). */
    private static List<Map<String, String>> manifest(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve(Manifest.CSV));
        List<String> header = fields(lines.get(0));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> v = fields(line);
            Map<String, String> row = new TreeMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), i < v.size() ? v.get(i) : "");
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> fields(String line) {
        List<String> f = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cur.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                f.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        f.add(cur.toString());
        return f;
    }

    private static long count(List<Map<String, String>> rows, String status) {
        return rows.stream().filter(r -> r.get("status").equals(status)).count();
    }

    @Test
    void sixGoodImagesAndOneCorruptGiveSixOutputsAndOneFailedRow() throws Exception {
        Path in = tmp.resolve("in");
        for (int i = 0; i < 6; i++) {
            picture(in.resolve((i < 3 ? "" : "sub/") + "photo" + i + ".png"), i);
        }
        Files.createDirectories(in);
        Files.write(in.resolve("broken.png"), "not a picture at all".getBytes(StandardCharsets.US_ASCII));
        picture(tmp.resolve("starry.png"), 99);
        int loadsBefore = NetworkCache.perJvm().loads();
        Path out = tmp.resolve("out");

        Run r = batch("--input", in.toString(), "--style", tmp.resolve("starry.png").toString(), "--output", out.toString());

        assertEquals(BatchMain.SOME_FAILED, r.status(), r.out() + r.err());
        Map<String, Path> made = files(out);
        assertEquals(List.of("photo0_starry.png", "photo1_starry.png", "photo2_starry.png", "sub/photo3_starry.png", "sub/photo4_starry.png",
                "sub/photo5_starry.png"), List.copyOf(made.keySet()));
        for (Path p : made.values()) {
            BufferedImage img = ImageIO.read(p.toFile());
            assertNotNull(img, p + " decodes");
            assertEquals(48, Math.max(img.getWidth(), img.getHeight()), p + " has the size asked for");
        }
        List<Map<String, String>> rows = manifest(out);
        assertEquals(7, rows.size());
        assertEquals(6, count(rows, "ok"));
        Map<String, String> bad = rows.stream().filter(m -> m.get("status").equals("failed")).findFirst().orElseThrow();
        assertTrue(bad.get("input").endsWith("broken.png"), bad.toString());
        assertTrue(bad.get("error").contains("cannot be read as an image") && bad.get("error").contains("broken.png")
                && !bad.get("error").contains("nst-spark-"), "the reason names the input, not a temporary copy: " + bad);
        assertTrue(rows.stream().filter(m -> m.get("status").equals("ok")).allMatch(m -> Double.parseDouble(m.get("final_loss")) > 0
                && Double.parseDouble(m.get("seconds")) > 0 && m.get("options_hash").length() == 12), rows.toString());
        assertTrue(r.out().contains("6 made, 0 already there, 1 failed"), r.out());
        assertEquals(1, NetworkCache.perJvm().loads() - loadsBefore, "the executor JVM loads the network once for 7 images");
        SparkSession spark = SparkSession.builder().master("local[1]").getOrCreate();
        try {
            assertEquals(1, spark.read().parquet(out.resolve(Manifest.PARQUET).toString()).filter("status = 'failed'").count());
            assertEquals(7, spark.read().parquet(out.resolve(Manifest.PARQUET).toString()).count());
        } finally {
            spark.stop();
        }
    }

    @Test
    void aRerunWritesNothingNewAndOtherOptionsDoNotTakeTheOldOutputs() throws Exception {
        Path in = tmp.resolve("in");
        for (int i = 0; i < 3; i++) {
            picture(in.resolve("p" + i + ".png"), i);
        }
        picture(tmp.resolve("brick.png"), 7);
        Path out = tmp.resolve("out");
        String[] args = {"--input", in + "/*.png", "--style", tmp.resolve("brick.png").toString(), "--output", out.toString()};
        assertEquals(BatchMain.OK, batch(args).status());
        Map<String, Path> made = files(out);
        assertEquals(3, made.size());
        Map<String, FileTime> times = new TreeMap<>();
        for (Map.Entry<String, Path> e : made.entrySet()) {
            Files.setLastModifiedTime(e.getValue(), FileTime.fromMillis(1_000_000_000_000L));
            times.put(e.getKey(), Files.getLastModifiedTime(e.getValue()));
        }
        List<Map<String, String>> first = manifest(out);

        Run again = batch(args);

        assertEquals(BatchMain.OK, again.status(), again.out());
        for (Map.Entry<String, Path> e : files(out).entrySet()) {
            assertEquals(times.get(e.getKey()), Files.getLastModifiedTime(e.getValue()), e.getKey() + " was not written again");
        }
        assertEquals(made.keySet(), files(out).keySet());
        List<Map<String, String>> second = manifest(out);
        assertEquals(3, count(second, "exists"), second.toString());
        assertEquals(first.stream().map(m -> m.get("final_loss")).sorted().toList(), second.stream().map(m -> m.get("final_loss")).sorted().toList(),
                "the rerun's manifest keeps the losses of the run that made the outputs");

        Run other = batch(args[0], args[1], args[2], args[3], args[4], args[5], "--style-weight", "5");
        assertEquals(BatchMain.SOME_FAILED, other.status());
        assertTrue(manifest(out).stream().allMatch(m -> m.get("error").contains("made with other options")), manifest(out).toString());
        for (Map.Entry<String, Path> e : files(out).entrySet()) {
            assertEquals(times.get(e.getKey()), Files.getLastModifiedTime(e.getValue()), e.getKey() + " is kept");
        }
    }

    @Test
    void twoStylesTimesThreeImagesGiveSixDistinctOutputs() throws Exception {
        Path in = tmp.resolve("in");
        List<String> list = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            picture(in.resolve("img" + i + ".png"), i);
            list.add("img" + i + ".png");
        }
        Files.write(in.resolve("list.txt"), list);
        picture(tmp.resolve("styles/wave.png"), 11);
        picture(tmp.resolve("styles/stone.png"), 12);
        Path out = tmp.resolve("out");

        Run r = batch("--input-list", in.resolve("list.txt").toString(), "--style", tmp.resolve("styles/wave.png").toString(),
                "--style", tmp.resolve("styles/stone.png").toString(), "--output", out.toString());

        assertEquals(BatchMain.OK, r.status(), r.out() + r.err());
        assertEquals(List.of("img0_stone.png", "img0_wave.png", "img1_stone.png", "img1_wave.png", "img2_stone.png", "img2_wave.png"),
                List.copyOf(files(out).keySet()));
        assertEquals(6, count(manifest(out), "ok"));
    }

    @Test
    void aPairingFileChoosesTheStyleOfEachInput() throws Exception {
        Path in = tmp.resolve("in");
        picture(in.resolve("a.png"), 1);
        picture(in.resolve("b.png"), 2);
        picture(tmp.resolve("wave.png"), 11);
        picture(tmp.resolve("stone.png"), 12);
        Files.writeString(tmp.resolve("pairs.csv"), "input,style\na.png,wave.png\nb.png,stone.png\n");
        Path out = tmp.resolve("out");

        Run r = batch("--input", in.toString(), "--pairs", tmp.resolve("pairs.csv").toString(), "--output", out.toString());

        assertEquals(BatchMain.OK, r.status(), r.out() + r.err());
        assertEquals(List.of("a_wave.png", "b_stone.png"), List.copyOf(files(out).keySet()));
    }

    /** A registry model shipped with spark-submit's --files (here spark.files) is the one the executors use, verified once. */
    @Test
    void aModelShippedWithFilesIsFoundInSparksFilesFolder() throws Exception {
        Path shipped = Files.createDirectories(tmp.resolve("ship")).resolve("squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5");
        Files.copy(Path.of("..", "models", shipped.getFileName().toString()), shipped);
        picture(tmp.resolve("in/a.png"), 1);
        picture(tmp.resolve("wave.png"), 2);
        BatchArgs a = BatchArgs.parse(new String[] {"--input", tmp.resolve("in").toString(), "--style", tmp.resolve("wave.png").toString(),
            "--output", tmp.resolve("out").toString(), "--size", "40", "--iterations", "2", "--scales", "1", "--model", "squeezenet1.1"});
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.files", shipped.toString()).getOrCreate();
        try {
            BatchJob.Outcome o = new BatchJob(spark, TaskHook.NONE).run(a, BatchJob.Progress.NONE);
            assertEquals(1, o.count(ManifestRow.OK), o.rows().toString());
            Path root = Path.of(org.apache.spark.SparkFiles.getRootDirectory());
            assertTrue(Files.isRegularFile(root.resolve(shipped.getFileName() + ".verified")),
                    "the shipped copy was hash-checked against the registry and used: " + root);
        } finally {
            spark.stop();
        }
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyPictureWithAMessage() throws Exception {
        Path in = tmp.resolve("in");
        picture(in.resolve("a.png"), 1);
        picture(tmp.resolve("x/wave.png"), 11);
        picture(tmp.resolve("y/wave.png"), 12);
        Run sameName = batch("--input", in.toString(), "--style", tmp.resolve("x/wave.png").toString(), "--style",
                tmp.resolve("y/wave.png").toString(), "--output", tmp.resolve("out").toString());
        assertEquals(BatchMain.BAD_ARGUMENTS, sameName.status());
        assertTrue(sameName.err().contains("Two style images have the name wave"), sameName.err());
        Run intoInput = batch("--input", in.toString(), "--style", tmp.resolve("x/wave.png").toString(), "--output", in.toString());
        assertEquals(BatchMain.BAD_ARGUMENTS, intoInput.status());
        assertTrue(intoInput.err().contains("under the output folder"), intoInput.err());
        Run noStyle = batch("--input", in.toString(), "--output", tmp.resolve("out").toString());
        assertEquals(BatchMain.BAD_ARGUMENTS, noStyle.status());
        assertTrue(noStyle.err().contains("--style"), noStyle.err());
        Run typo = batch("--input", in.toString(), "--style", "s.png", "--output", "o", "--syze", "3");
        assertEquals(BatchMain.BAD_ARGUMENTS, typo.status());
        assertTrue(typo.err().contains("Unknown option --syze"), typo.err());
        assertTrue(Files.notExists(tmp.resolve("out")), "nothing was written");
    }
}
