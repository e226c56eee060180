package nst.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A message box's text is wrapped to a readable width, and no word is lost or cut. */
class FailureTest {
    @Test
    void longMessagesAreWrappedAtSpacesAndKeepEveryWord() {
        String path = "/a/very/long/path/" + "x".repeat(120) + ".h5";
        String message = "The weight file " + path + " does not exist; install the model or give the right path. " + "More words here. ".repeat(12)
                + "\nA second paragraph.";
        String wrapped = Failure.wrap(message, 90);
        for (String line : wrapped.split("\n")) {
            assertTrue(line.length() <= 90 || !line.contains(" ") || line.equals(path), "line too long: " + line);
        }
        assertEquals(message.replaceAll("\\s+", " "), wrapped.replaceAll("\\s+", " "));
        assertTrue(wrapped.contains("\n" + path + "\n"), "a word longer than a line stands alone: " + wrapped);
        assertTrue(wrapped.endsWith("\nA second paragraph."), wrapped);
    }
}
