package dev.topograph.app.cli;

import dev.topograph.app.designer.DesignerApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code topograph open [FILE]}: the designer window, with a topology loaded if one is given. */
@Command(name = "open", description = "Open the designer, optionally with a topology file.",
        mixinStandardHelpOptions = true)
final class OpenCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "The *.topology.json file to open.")
    private Path file;

    @Override
    public Integer call() {
        if (file != null && !Files.isRegularFile(file)) {
            spec.commandLine().getErr().println("topograph open: no such file: " + file);
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null
                && !"true".equals(System.getProperty("topograph.headless"))) {
            spec.commandLine().getErr().println("topograph open: no display to open a window on. "
                    + "Run it in a desktop session, or under xvfb-run for a virtual one.");
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        DesignerApp.launch(Optional.ofNullable(file).map(Path::toAbsolutePath));
        return 0;
    }
}
