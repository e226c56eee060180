package nst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The product and its tests need nothing outside the repository: only the benchmark programs
 * (nst.bench) may read the workspace's ../shared folder.
 */
class SelfContainedTest {
    private static List<String> offenders(Path root, Path allowed) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java") && (allowed == null || !f.startsWith(allowed))
                            && !f.getFileName().toString().equals("SelfContainedTest.java"))
                    .filter(f -> {
                        try {
                            String s = Files.readString(f);
                            return s.contains("../shared") || s.contains("SharedWorkspace") || s.contains("NST_SHARED_DIR");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString).sorted().toList();
        }
    }

    @Test
    void onlyTheBenchmarksReadTheSharedWorkspace() throws IOException {
        assertEquals(List.of(), offenders(Path.of("src", "main"), null));
        assertEquals(List.of(), offenders(Path.of("src", "test", "java"), Path.of("src", "test", "java", "nst", "bench")));
        assertTrue(Files.isRegularFile(Path.of("models", "squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5")), "the bundled model");
    }

    @Test
    void theBuildPacksTheBundledModelIntoThePlugin() {
        assertTrue(Files.isRegularFile(Path.of("target", "classes", "nst", "model", "squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5")),
                "plugin-pom.xml copies models/*.h5 into the jar's nst/model/");
    }
}
