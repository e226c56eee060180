package nst.model;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import nst.core.ProgressListener;

/**
 * Another process that installs SqueezeNet into a folder, for the tests of what two processes
 * (or a killed one) do: {@code <dir> <source> <pauseMsPer64k>}, the source being a URL or a file.
 * Prints "started" when the first bytes are written, then goes on slowly.
 */
public final class ChildInstall {
    private ChildInstall() { }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        String source = args[1];
        long pause = Long.parseLong(args[2]);
        AtomicBoolean said = new AtomicBoolean();
        ModelInstaller.Storage slow = tmp -> new FilterOutputStream(Files.newOutputStream(tmp)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                out.flush();
                if (said.compareAndSet(false, true)) {
                    System.out.println("started");
                    System.out.flush();
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        };
        ModelSpec spec = ModelFileServer.spec(ModelFileServer.REAL.size(), source);
        ModelInstaller installer = new ModelInstaller(dir, Duration.ofSeconds(5), Duration.ofSeconds(5), slow);
        installer.install(spec, source, ProgressListener.NONE, () -> false);
        System.out.println("installed");
    }

    /** Starts this class in a new JVM and waits until it says "started". */
    static Process start(Path dir, String source, long pauseMsPer64k) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ChildInstall.class.getName(),
                dir.toString(), source, String.valueOf(pauseMsPer64k)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
        String line = out.readLine();
        if (!"started".equals(line)) {
            p.destroyForcibly();
            throw new IllegalStateException("the child install did not start: " + line);
        }
        return p;
    }
}
