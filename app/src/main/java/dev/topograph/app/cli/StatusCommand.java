package dev.topograph.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.launch.Leftovers;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.launch.RunHome;
import dev.topograph.app.launch.local.DockerSupport;
import dev.topograph.app.launch.RunRecord;
import dev.topograph.model.topology.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code topograph status FILE}: each node of a running design with its state, provider, process and URL. */
@Command(name = "status",
        description = "Show each node of a running design: state, provider, pid or container, URL.%n"
                + "Exit codes: 0 running, 3 not running, 2 unusable input.",
        mixinStandardHelpOptions = true)
final class StatusCommand implements Callable<Integer> {
    /** Exit code when the design is not running. */
    static final int NOT_RUNNING = 3;

    enum Format { text, json }

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The *.topology.json file.")
    private Path file;

    @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
    private Format format;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Optional<Topology> loaded = Designs.load(file, spec.commandLine().getErr());
        if (loaded.isEmpty()) {
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        Topology topology = loaded.get();
        Optional<RunRecord> record = Designs.record(topology);
        if (format == Format.json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(
                    record.filter(RunRecord::launcherAlive).orElse(null)));
            return record.filter(RunRecord::launcherAlive).isPresent() ? 0 : NOT_RUNNING;
        }
        if (record.isEmpty() || !record.get().launcherAlive()) {
            // A failed start keeps no record, a killed launcher a stale one: either may have left servers behind.
            Optional<Leftovers.Found> left = new Leftovers(RunHome.of(UserDirectories.fromSystem()),
                    DockerSupport.connect().containers()).of(topology.name()).filter(f -> !f.isEmpty());
            if (left.isPresent()) {
                out.println(topology.name() + " is not running, but a run that failed or was killed left "
                        + left.get().what() + " behind: `topograph down "
                        + file + "` removes them.");
            } else if (record.isPresent()) {
                out.println(topology.name() + " is not running (its launcher was killed and left nothing behind).");
            } else {
                out.println(topology.name() + " is not running.");
            }
            return NOT_RUNNING;
        }
        RunRecord r = record.get();
        out.println(topology.name() + ": " + r.mode() + " mode, launcher pid " + r.launcherPid()
                + (r.outcome().isEmpty() ? ", starting" : ", " + r.outcome()));
        printRecord(out, r);
        return 0;
    }

    static void printRecord(PrintWriter out, RunRecord r) {
        table(out, r.nodes().stream().map(n -> new String[] {n.id(), n.state(), n.provider(),
                n.pid() > 0 ? "pid " + n.pid() : n.container().isEmpty() ? "" : "container "
                        + n.container().substring(0, Math.min(12, n.container().length())),
                n.url(), n.message()}).toList());
    }

    static void printTable(PrintWriter out, List<NodeStatus> statuses) {
        table(out, statuses.stream().map(s -> new String[] {s.node(), s.state().label(), s.provider(), s.where(),
                s.url().orElse(""), s.message()}).toList());
    }

    private static void table(PrintWriter out, List<String[]> rows) {
        String[] header = {"NODE", "STATE", "PROVIDER", "WHERE", "URL", "MESSAGE"};
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
            for (String[] row : rows) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        printRow(out, header, width);
        rows.forEach(row -> printRow(out, row, width));
        out.flush();
    }

    private static void printRow(PrintWriter out, String[] row, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            line.append(i == row.length - 1 ? row[i] : String.format("%-" + width[i] + "s  ", row[i]));
        }
        out.println(line.toString().stripTrailing());
    }
}
