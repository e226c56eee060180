package nst;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency fences of the architecture guide, checked by ArchUnit on the compiled classes'
 * real dependencies (fully qualified uses included, not only import lines).
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("nst");
    }

    private static void fence(String pkg, String... forbidden) {
        noClasses().that().resideInAPackage("nst." + pkg + "..").should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .because("the architecture guide's fences").check(classes);
    }

    @Test
    void coreIsTheAlgorithmOnly() {
        fence("core", "ij..", "org.scijava..", "java.awt..", "javax.swing..", "javax.imageio..", "org.deeplearning4j..", "java.net..",
                "java.nio.file..", "java.io..", "nst.net..", "nst.model..", "nst.convert..", "nst.cli..", "nst.ij1..", "nst.scijava..", "nst.app..");
    }

    /** No system properties, environment, standard streams, collections or exits in core: the front ends read and pass them. */
    @Test
    void coreReadsNoSystemStateAndWritesNoConsole() {
        Set<String> banned = Set.of("getProperty", "getenv", "gc", "setOut", "setErr", "exit", "setProperty");
        noClasses().that().resideInAPackage("nst.core..").should().callMethodWhere(describe("a System call that reads or changes process state",
                        (JavaAccess<?> call) -> call.getTargetOwner().isEquivalentTo(System.class) && banned.contains(call.getName())))
                .check(classes);
        noClasses().that().resideInAPackage("nst.core..").should().accessField(System.class, "out").check(classes);
        noClasses().that().resideInAPackage("nst.core..").should().accessField(System.class, "err").check(classes);
    }

    /** Model files only: registry, locator, installer, checksums; no arrays, no networks. */
    @Test
    void modelIsAboutFilesOnly() {
        fence("model", "org.nd4j..", "org.deeplearning4j..", "org.bytedeco..", "io.jhdf..", "nst.net..", "ij..", "org.scijava..", "java.awt..",
                "javax.swing..", "nst.convert..", "nst.app..", "nst.cli..", "nst.ij1..", "nst.scijava..");
    }

    /** The network runtime: layers, architectures, weight reading, oneDNN; it knows nothing of model files or front ends. */
    @Test
    void theNetworkRuntimeStandsAlone() {
        fence("net", "nst.model..", "nst.convert..", "nst.app..", "nst.cli..", "nst.ij1..", "nst.scijava..", "ij..", "org.scijava..",
                "java.awt..", "javax.swing..", "java.net..");
        noClasses().that().resideOutsideOfPackages("nst.net..").should().dependOnClassesThat().resideInAPackage("nst.net.onednn..")
                .because("oneDNN is a kernel of the network runtime, chosen there").check(classes);
    }

    /** The array helpers that the losses and the network runtime share depend on ND4J alone. */
    @Test
    void arrayHelpersDependOnNothingOfTheProject() {
        fence("arrays", "nst.core..", "nst.net..", "nst.model..", "nst.convert..", "nst.app..", "nst.cli..", "nst.ij1..", "nst.scijava..");
    }

    /** The Java 8 launcher reaches the plugins by name only: it loads no Java 17 class before the Java check. */
    @Test
    void theLauncherDependsOnNothingOfTheProject() {
        fence("launch", "nst.core..", "nst.net..", "nst.model..", "nst.convert..", "nst.app..", "nst.cli..", "nst.ij1..", "nst.scijava..",
                "nst.arrays..");
    }

    /** The optical-flow adapter: BoofCV in, flow fields (core) out; nothing else of the project. */
    @Test
    void theFlowAdapterOnlyTurnsBoofCvIntoFlowFields() {
        fence("flow", "nst.net..", "nst.model..", "nst.convert..", "nst.app..", "nst.cli..", "nst.ij1..", "nst.scijava..", "ij..", "org.nd4j..");
        noClasses().that().resideOutsideOfPackage("nst.flow..").should().dependOnClassesThat().resideInAPackage("boofcv..")
                .because("BoofCV is wrapped in one adapter").check(classes);
    }

    @Test
    void conversionStaysOutOfTheFrontEnds() {
        fence("convert", "org.deeplearning4j..", "org.scijava..", "ij.gui..", "nst.model..", "nst.cli..", "nst.ij1..", "nst.scijava..");
    }

    @Test
    void frontEndsDoNotUseEachOther() {
        fence("cli", "ij.gui..", "javax.swing..", "org.scijava..", "nst.ij1..", "nst.scijava..");
        fence("ij1", "org.scijava..", "org.deeplearning4j..", "nst.cli..", "nst.scijava..");
        fence("scijava", "java.awt..", "javax.swing..", "ij.gui..", "org.deeplearning4j..", "nst.cli..");
    }

    /** The headless API is the one way in: it uses the engine and the models, never a front end. */
    @Test
    void theAppApiIsTheFrontEndsOneWayIn() {
        fence("app", "nst.cli..", "nst.ij1..", "nst.scijava..", "java.awt..", "javax.swing..", "ij.gui..", "org.scijava..");
        noClasses().that().resideInAnyPackage("nst.cli..", "nst.ij1..", "nst.scijava..").should().dependOnClassesThat()
                .belongToAnyOf(nst.core.run.StyleTransferEngine.class, nst.net.MemoryCheck.class, nst.core.StyleTransferRequest.class)
                .because("front ends run the recipe through nst.app, not their own copy of it").check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("nst.(*)..").should().beFreeOfCycles().check(classes);
        slices().matching("nst.(**)").should().beFreeOfCycles().because("sub-packages too: core's records below loss, optim and run")
                .check(classes);
    }
}
