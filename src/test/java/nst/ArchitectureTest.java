package nst;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The dependency fences of the architecture guide: each package imports only what it may. */
class ArchitectureTest {
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "core", List.of("ij.", "org.scijava.", "java.awt.", "javax.swing.", "org.deeplearning4j.", "java.net.", "java.io.File", "java.nio.file.", "nst.model", "nst.convert", "nst.cli"),
            "model", List.of("ij.", "org.scijava.", "java.awt.", "javax.swing.", "nst.convert", "nst.cli"),
            "convert", List.of("org.deeplearning4j.", "org.scijava.", "ij.gui.", "nst.model", "nst.cli"),
            "cli", List.of("ij.gui.", "java.awt.", "javax.swing.", "org.scijava.", "nst.ij1", "nst.scijava"),
            "ij1", List.of("org.scijava.", "org.deeplearning4j.", "nst.cli", "nst.scijava"),
            "scijava", List.of("java.awt.", "javax.swing.", "ij.gui.", "org.deeplearning4j.", "nst.cli"));

    @Test
    void packagesRespectTheirFences() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : FORBIDDEN.entrySet()) {
            Path dir = Path.of("src/main/java/nst", e.getKey());
            assertTrue(Files.isDirectory(dir), dir.toString());
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(f)) {
                        for (String bad : e.getValue()) {
                            if (line.startsWith("import " + bad) || line.startsWith("import static " + bad)) {
                                violations.add(f + ": " + line);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }
}
