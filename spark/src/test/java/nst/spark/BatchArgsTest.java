package nst.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import nst.core.BadInputException;
import org.junit.jupiter.api.Test;

/** The options hash names what the options do: not how they were spelled, nor where the model is. */
class BatchArgsTest {
    private static String hash(String... options) {
        List<String> args = new ArrayList<>(List.of("--input", "in", "--style", "s.png", "--output", "out"));
        args.addAll(List.of(options));
        return BatchArgs.parse(args.toArray(String[]::new)).optionsHash();
    }

    @Test
    void theHashIgnoresDefaultsAndTheModelsFolderButNotTheOptions() {
        assertEquals(hash("--size", "256"), hash("--size", "256", "--precision", "auto", "--seed", "0"));
        assertEquals(hash("--size", "256"), hash("--models-dir", "/shared/models", "--size", "256"));
        assertNotEquals(hash("--size", "256"), hash("--size", "512"));
        assertNotEquals(hash("--size", "256"), hash("--size", "256", "--style-weight", "5"));
        assertEquals(12, hash().length());
    }

    @Test
    void regionAndTimeLapseKeysAreNotBatchOptions() {
        assertThrows(BadInputException.class, () -> hash("--region", "labels"));
        assertThrows(BadInputException.class, () -> hash("--temporal", "off"));
        assertThrows(BadInputException.class, () -> hash("--size", "-3"));
    }
}
