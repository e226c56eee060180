package nst.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Spark job is a front end: it reaches the engine through the headless API only, and it starts the way its documents say. */
class SparkModuleTest {
    @Test
    void theJobCallsTheEngineThroughTheHeadlessApiOnly() {
        JavaClasses job = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("nst.spark");
        assertTrue(job.size() > 5, "the job's classes were found");
        noClasses().that().resideInAPackage("nst.spark").should().dependOnClassesThat().resideInAnyPackage("nst.net..", "nst.model..",
                "nst.ij1..", "nst.scijava..", "nst.flow..", "nst.core.run..", "nst.core.loss..", "nst.core.optim..", "nst.arrays..",
                "org.nd4j..", "org.deeplearning4j..")
                .because("the recipe is nst.app.NeuralStyle's; the job must not rebuild it").check(job);
    }

    /** The --add-opens list of scripts/nst-spark and of the tests (spark/pom.xml) is one list. */
    @Test
    void theLocalScriptOpensWhatTheTestsOpen() throws IOException {
        Matcher pom = Pattern.compile("<spark.opens>([^<]+)</spark.opens>").matcher(Files.readString(Path.of("pom.xml")));
        Matcher script = Pattern.compile("\nSPARK_OPENS=\"([^\"]+)\"").matcher(Files.readString(Path.of("..", "scripts", "nst-spark")));
        assertTrue(pom.find() && script.find());
        List<String> a = Arrays.asList(pom.group(1).trim().split("\\s+"));
        assertTrue(a.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), a.toString());
        assertEquals(a, Arrays.asList(script.group(1).trim().split("\\s+")));
    }
}
