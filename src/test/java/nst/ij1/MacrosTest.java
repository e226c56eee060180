package nst.ij1;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nst.core.ParamSpec;
import org.junit.jupiter.api.Test;

/** Every key that the shipped macros pass to the plugin exists in the catalogue. */
class MacrosTest {
    private static final Pattern LITERAL = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern KEY = Pattern.compile("(?:^|\\s)([a-z_]+)(?==|\\s|$)");

    @Test
    void everyKeyTheMacrosUseExists() throws IOException {
        List<Path> macros;
        try (Stream<Path> s = Files.list(Path.of("macros"))) {
            macros = s.filter(p -> p.toString().endsWith(".ijm")).sorted().toList();
        }
        assertTrue(macros.size() >= 3, "the single-image, batch-folder and comparison macros");
        int checked = 0;
        List<String> unknown = new ArrayList<>();
        for (Path m : macros) {
            for (String line : Files.readAllLines(m)) {
                boolean options = line.contains("run(\"Neural Style Transfer\"") || line.matches("\\s*options = .*")
                        || line.matches(".*options = options \\+.*");
                if (!options || line.trim().startsWith("//")) {
                    continue;
                }
                Matcher lit = LITERAL.matcher(line.replace("run(\"Neural Style Transfer\",", ""));
                while (lit.find()) {
                    Matcher k = KEY.matcher(lit.group(1));
                    while (k.find()) {
                        String key = k.group(1);
                        checked++;
                        ParamSpec p = ParamSpec.of(key);
                        if (p == null || !p.key().equals(key)) {
                            unknown.add(m.getFileName() + ": " + key);
                        }
                    }
                }
            }
        }
        assertTrue(checked >= 10, "found the keys (" + checked + ")");
        assertTrue(unknown.isEmpty(), "unknown keys: " + unknown);
    }

    @Test
    void theCheckCatchesAWrongKey() {
        Matcher k = KEY.matcher(" style=[x] iteratons=5 download");
        List<String> found = new ArrayList<>();
        while (k.find()) {
            found.add(k.group(1));
        }
        assertTrue(found.contains("iteratons") && found.contains("download") && found.contains("style"), found.toString());
        assertFalse(ParamSpec.of("iteratons") != null);
    }
}
