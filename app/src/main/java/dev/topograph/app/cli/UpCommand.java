package dev.topograph.app.cli;

import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.LogLine;
import dev.topograph.app.launch.NodeState;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.launch.Run;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.RunRecord;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.app.launch.local.LocalLauncher;
import dev.topograph.app.traces.SpanStore;
import dev.topograph.app.traces.TraceReceiver;
import dev.topograph.model.topology.Topology;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code topograph up FILE}: runs a design on this machine until Ctrl-C, or in the background with --detach. */
@Command(name = "up",
        description = "Run a design on this machine: regenerate its code folder in place (your code kept), build "
                + "it, start infrastructure then services in dependency order, wait until healthy. Runs until "
                + "Ctrl-C, or in the background with --detach. While it runs, saving a service's Go file rebuilds "
                + "and restarts that service.%n"
                + "Exit codes: 0 ran (or, detached, every node healthy), 1 it could not start, 2 unusable input.",
        mixinStandardHelpOptions = true)
final class UpCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The *.topology.json file.")
    private Path file;

    @Mixin
    private RunOptions options;

    @Option(names = {"-d", "--detach"}, description = "Start in the background and return once every node is healthy.")
    private boolean detach;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Topology> loaded = Designs.load(file, err);
        if (loaded.isEmpty()) {
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        Topology topology = loaded.get();
        Optional<Path> code = Optional.empty();
        if (options.scratch && options.out != null) {
            err.println("topograph up: --scratch runs the bare design in a throwaway folder; it cannot go with --out");
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        if (!options.scratch) {
            code = Designs.codeFolder(file, Optional.ofNullable(options.out), "up", err);
            if (code.isEmpty()) {
                return TopographCommand.EXIT_UNUSABLE_INPUT;
            }
        }
        return detach ? detached(topology, out, err) : foreground(topology, code, out, err);
    }

    private int foreground(Topology topology, Optional<Path> code, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        int width = topology.nodes().stream().mapToInt(n -> n.id().length()).max().orElse(8);
        RunListener printer = new RunListener() {
            @Override
            public void statusChanged(NodeStatus s) {
                synchronized (out) {
                    out.printf("%s  %-" + width + "s  %-9s %s%n", LocalTime.now().format(TIME), s.node(),
                            s.state().label(), detail(s));
                    out.flush();
                }
            }

            @Override
            public void logged(LogLine line) {
                if (line.fromLauncher() && line.node().isEmpty()) {
                    synchronized (out) {
                        out.println(LocalTime.now().format(TIME) + "  " + line.text());
                        out.flush();
                    }
                }
            }
        };
        Run run;
        // The run's spans, for `topograph traces` (its record says where this receiver answers).
        TraceReceiver traces;
        try {
            traces = TraceReceiver.start(new SpanStore(), line -> printer.logged(new LogLine("", java.time.Instant.now(),
                    line, true)));
        } catch (IOException e) {
            err.println("topograph up: no trace receiver (" + e.getMessage() + "); the run goes untraced");
            traces = null;
        }
        try {
            RunSettings settings = options.settings(code);
            run = new LocalLauncher(traces == null ? settings : settings.withTraces(traces.endpoint()),
                    file.toAbsolutePath().toString()).launch(topology, printer);
        } catch (LaunchException e) {
            err.println("topograph up: " + e.getMessage());
            if (traces != null) {
                traces.close();
            }
            return 1;
        }
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            run.stop();
            done.countDown();
        }, "topograph-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Run.Outcome outcome = run.awaitStarted(Duration.ofDays(365)).orElseThrow();
        if (!outcome.running()) {
            err.println("topograph up: " + outcome.reason());
            run.stop();
            return 1;
        }
        out.println();
        if (!outcome.healthy()) {
            out.println("warning: " + outcome.reason());
        }
        out.println(topology.name() + " is running. Ctrl-C stops it.");
        StatusCommand.printTable(out, run.statuses());
        out.flush();
        done.await();
        return 0;
    }

    /** Starts a launcher of its own in the background, then follows its record until all is healthy. */
    private int detached(Topology topology, PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        Path folder = Designs.runFolder(topology);
        Optional<RunRecord> running = Designs.running(topology);
        if (running.isPresent()) {
            err.println("topograph up: " + topology.name() + " is already running (launcher pid "
                    + running.get().launcherPid() + "); topograph down " + file + " stops it.");
            return 1;
        }
        Files.createDirectories(folder);
        Path log = folder.resolve("launcher.log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        String dataDir = System.getProperty(UserDirectories.DATA_DIR_PROPERTY);
        if (dataDir != null) {
            command.add("-D" + UserDirectories.DATA_DIR_PROPERTY + "=" + dataDir);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.topograph.app.Main", "up",
                file.toAbsolutePath().toString()));
        command.addAll(options.asArguments());
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add(0, "/usr/bin/setsid"); // Its own session: Ctrl-C in this terminal does not reach it.
        }
        Process launcher = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        out.println("starting " + topology.name() + " in the background (launcher pid " + launcher.pid() + ", log "
                + log + ")");
        out.flush();
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (!launcher.isAlive()) {
                err.println("topograph up: the run could not start:");
                tail(log, 15).forEach(line -> err.println("  " + line));
                return 1;
            }
            Optional<RunRecord> record = RunRecord.read(folder).filter(r -> r.launcherPid() == launcher.pid());
            if (record.isPresent() && record.get().outcome().startsWith("degraded: ")) {
                err.println("topograph up: " + record.get().outcome().substring("degraded: ".length()));
                err.println("The rest runs; `topograph status " + file + "` shows it, `topograph down " + file
                        + "` stops it.");
                StatusCommand.printRecord(out, record.get());
                return 1;
            }
            if (record.isPresent() && record.get().outcome().equals("started")) {
                out.println(topology.name() + " is running; `topograph status " + file + "` shows it, `topograph down "
                        + file + "` stops it.");
                StatusCommand.printRecord(out, record.get());
                return 0;
            }
            Thread.sleep(200);
        }
        err.println("topograph up: not every node became healthy within 15 minutes; see " + log);
        return 1;
    }

    static List<String> tail(Path log, int n) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String detail(NodeStatus s) {
        List<String> parts = new ArrayList<>();
        if (!s.provider().isEmpty() && s.state() != NodeState.STOPPED) {
            parts.add(s.provider());
        }
        if (s.state() == NodeState.HEALTHY) {
            s.url().ifPresent(parts::add);
        }
        if (!s.message().isEmpty()) {
            parts.add(s.message());
        }
        return String.join("  ", parts);
    }
}
