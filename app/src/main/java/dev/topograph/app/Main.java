package dev.topograph.app;

import dev.topograph.app.cli.TopographCommand;

/**
 * Entry point of the packaged app and of {@code ./topograph}: with no arguments it opens the
 * designer; otherwise it runs the command line. Not a JavaFX {@code Application}, so the
 * JavaFX runtime loads from the class path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(TopographCommand.run(args.length == 0 ? new String[] {"open"} : args));
    }
}
