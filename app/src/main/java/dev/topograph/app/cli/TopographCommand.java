package dev.topograph.app.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code topograph} command and its subcommands; exit codes are documented per subcommand. */
@Command(name = "topograph",
        mixinStandardHelpOptions = true,
        version = "Topograph 0.1.0",
        description = "Design a microservice system, check it, generate it as Go, run it and measure it.",
        subcommands = {OpenCommand.class, ValidateCommand.class, ImportCommand.class, NewCommand.class,
            GenerateCommand.class, UpCommand.class, StatusCommand.class, DownCommand.class, TopCommand.class,
            TrafficCommand.class, TracesCommand.class, LogsCommand.class,
            DeployCommand.class, DriftCommand.class, ReapplyCommand.class, UndeployCommand.class,
            CommandLine.HelpCommand.class})
public final class TopographCommand {

    /** Exit code for a file or argument that cannot be used at all. */
    public static final int EXIT_UNUSABLE_INPUT = 2;

    /** Runs the command line with the process's own output streams. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line writing to the given streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new TopographCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, line, parsed) -> {
            // A bug must not show the user a stack trace: say what failed, in one line.
            line.getErr().println("topograph: " + line.getCommandName() + " failed: " + describe(ex));
            if (System.getenv("TOPOGRAPH_DEBUG") != null) {
                ex.printStackTrace(line.getErr());
            }
            return EXIT_UNUSABLE_INPUT;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static String describe(Exception ex) {
        String message = ex.getMessage();
        return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
    }
}
