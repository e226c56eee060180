package nst.launch;

import ij.plugin.PlugIn;

/** Plugins > Style Transfer > Manage Style Transfer Models: checks the Java (see {@link JavaCheck}), then runs nst.ij1.ManageModelsPlugin. */
public final class ManageModelsLauncher implements PlugIn {
    @Override
    public void run(String arg) {
        JavaCheck.handOver("Manage Style Transfer Models", "nst.ij1.ManageModelsPlugin", arg);
    }
}
