package dev.topograph.app.cli;

import dev.topograph.model.topology.Topology;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code topograph logs FILE NODE}: what a node of a run wrote (the launcher keeps one file per node). */
@Command(name = "logs",
        description = "Print the log of a node of the design's last run; -f follows it.%n"
                + "Exit codes: 0 ok, 1 no log for that node, 2 unusable input.",
        mixinStandardHelpOptions = true)
final class LogsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The *.topology.json file.")
    private Path file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NODE", description = "The node; without it, the nodes that have logs.")
    private String node;

    @Option(names = {"-n", "--lines"}, defaultValue = "100", description = "How many of the last lines (default 100).")
    private int lines;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until Ctrl-C.")
    private boolean follow;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Topology> loaded = Designs.load(file, err);
        if (loaded.isEmpty()) {
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        Topology topology = loaded.get();
        Path logs = Designs.runFolder(topology).resolve("logs");
        if (node == null) {
            if (!Files.isDirectory(logs)) {
                err.println("topograph logs: " + topology.name() + " has not run here yet");
                return 1;
            }
            try (Stream<Path> files = Files.list(logs)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log")).sorted()
                        .forEach(n -> out.println(n.substring(0, n.length() - 4)));
            }
            return 0;
        }
        if (topology.node(node).isEmpty()) {
            err.println("topograph logs: " + topology.name() + " has no node " + node);
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        Path log = logs.resolve(node + ".log");
        if (!Files.isRegularFile(log)) {
            err.println("topograph logs: " + node + " has no log yet (" + log + ")");
            return 1;
        }
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        all.subList(Math.max(0, all.size() - Math.max(0, lines)), all.size()).forEach(out::println);
        out.flush();
        if (follow) {
            follow(log, Files.size(log), out);
        }
        return 0;
    }

    private static void follow(Path log, long from, PrintWriter out) throws IOException, InterruptedException {
        long position = from;
        while (!Thread.currentThread().isInterrupted()) {
            long size = Files.size(log);
            if (size < position) {
                position = 0; // a new run started the file again
            }
            if (size > position) {
                try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
                    f.seek(position);
                    byte[] bytes = new byte[(int) (size - position)];
                    f.readFully(bytes);
                    out.print(new String(bytes, StandardCharsets.UTF_8));
                    out.flush();
                }
                position = size;
            }
            Thread.sleep(250);
        }
    }
}
