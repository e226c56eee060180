package nst;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Small units: no source file in src/main over 300 lines, no method over 60 (counted from its signature to its closing brace). */
class SourceSizeTest {
    private static final int MAX_FILE = 300;
    private static final int MAX_METHOD = 60;
    private static final Pattern METHOD = Pattern.compile(
            "^\\s+(?:(?:public|private|protected|static|final|synchronized|default)\\s+)*[\\w<>\\[\\], .?]+\\s+\\w+\\([^;]*\\)\\s*(?:throws [\\w., ]+)?\\{\\s*$");
    private static final Pattern NOT_A_METHOD = Pattern.compile("^\\s*(?:if|for|while|switch|try|catch|else|return|new|do)\\b.*|.*\\b(?:class|record|interface|enum)\\b.*");

    @Test
    void classesAndMethodsStaySmall() throws IOException {
        List<String> tooLong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                if (lines.size() > MAX_FILE) {
                    tooLong.add(f + ": " + lines.size() + " lines");
                }
                for (int i = 0; i < lines.size(); i++) {
                    String l = lines.get(i);
                    if (!METHOD.matcher(l).matches() || NOT_A_METHOD.matcher(l).matches()) {
                        continue;
                    }
                    int depth = 0;
                    int j = i;
                    for (; j < lines.size(); j++) {
                        depth += count(lines.get(j), '{') - count(lines.get(j), '}');
                        if (depth == 0 && j > i) {
                            break;
                        }
                    }
                    if (j - i + 1 > MAX_METHOD) {
                        tooLong.add(f + ":" + (i + 1) + ": a method of " + (j - i + 1) + " lines");
                    }
                }
            }
        }
        assertEquals(List.of(), tooLong);
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }
}
