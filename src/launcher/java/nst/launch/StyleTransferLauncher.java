package nst.launch;

import ij.plugin.PlugIn;

/** Plugins > Style Transfer > Neural Style Transfer: checks the Java (see {@link JavaCheck}), then runs nst.ij1.StyleTransferPlugin. */
public final class StyleTransferLauncher implements PlugIn {
    @Override
    public void run(String arg) {
        JavaCheck.handOver("Neural Style Transfer", "nst.ij1.StyleTransferPlugin", arg);
    }
}
