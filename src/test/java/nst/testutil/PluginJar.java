package nst.testutil;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The plugin as ImageJ/Fiji see it: our compiled classes (with plugins.config at the root) in a
 * jar whose name has an underscore, and the runtime dependency jars beside it, none of them on
 * ImageJ's own class path.
 */
public final class PluginJar {
    private PluginJar() { }

    /** Writes {@code Neural_Style_Transfer-test.jar} from target/classes into {@code dir}. */
    public static Path build(Path dir) throws IOException {
        Path classes = Path.of("target", "classes");
        Path jar = dir.resolve("Neural_Style_Transfer-test.jar");
        try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, j);
                j.closeEntry();
            }
        }
        return jar;
    }

    /** The runtime dependencies on the test class path (not ImageJ, the patcher, or test tools). */
    public static List<File> dependencies() {
        List<File> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String n = new File(e).getName();
            boolean skip = !n.endsWith(".jar") || n.startsWith("ij-") || n.startsWith("ij1-patcher") || n.startsWith("javassist")
                    || n.startsWith("junit") || n.startsWith("opentest4j") || n.startsWith("apiguardian") || n.startsWith("surefire")
                    || n.startsWith("common-") || n.startsWith("maven-") || n.startsWith("groovy") || n.startsWith("jython")
                    || n.startsWith("archunit");
            if (!skip) {
                out.add(new File(e));
            }
        }
        return out;
    }
}
