package dev.topograph.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topograph.app.live.MetricsScraper;
import dev.topograph.app.metrics.Alert;
import dev.topograph.app.metrics.EdgeFigures;
import dev.topograph.app.metrics.NodeFigures;
import dev.topograph.app.metrics.SystemFigures;
import dev.topograph.app.launch.RunRecord;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.Topology;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code topograph top FILE}: the live figures of a running design per node and edge, refreshed like top. */
@Command(name = "top",
        description = "Show the live figures of a running design (started with `up`): requests/s, errors, p95,"
                + " goroutines and memory per service; calls/s, messages/s, backlog and hit ratio per edge.%n"
                + "Exit codes: 0 ok, 3 not running, 2 unusable input.",
        mixinStandardHelpOptions = true)
final class TopCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The *.topology.json file.")
    private Path file;

    @Option(names = "--once", description = "Print one snapshot (after a few seconds of scraping) and exit.")
    private boolean once;

    @Option(names = "--format", defaultValue = "text", description = "text (default) or json (with --once).")
    private Format format;

    @Option(names = "--seconds", defaultValue = "3", paramLabel = "N",
            description = "With --once: how many seconds to watch before the snapshot (rates need two scrapes; default 3).")
    private int seconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Optional<Topology> loaded = Designs.load(file, spec.commandLine().getErr());
        if (loaded.isEmpty()) {
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        Topology topology = loaded.get();
        Optional<RunRecord> record = Designs.running(topology);
        if (record.isEmpty()) {
            out.println(topology.name() + " is not running: `topograph up " + file + "` starts it.");
            return StatusCommand.NOT_RUNNING;
        }
        List<MetricsScraper.Target> targets = record.get().nodes().stream()
                .filter(n -> n.metricsUrl().startsWith("http://") && topology.node(n.id())
                        .map(x -> x.listenPort().isPresent()).orElse(false))
                .map(n -> new MetricsScraper.Target(n.id(), URI.create(n.metricsUrl()))).toList();
        AtomicReference<SystemFigures> latest = new AtomicReference<>(SystemFigures.NONE);
        CountDownLatch stop = new CountDownLatch(1);
        try (MetricsScraper scraper = new MetricsScraper(topology, MetricsScraper.Settings.DEFAULT, figures -> {
            latest.set(figures);
            if (!once) {
                synchronized (out) {
                    out.print("\033[H\033[2J");
                    print(out, topology, figures);
                    out.flush();
                }
            }
        })) {
            scraper.targets(targets);
            scraper.start();
            if (once) {
                Thread.sleep(Math.max(2, seconds) * 1000L + 300);
                if (format == Format.json) {
                    out.println(json(topology, latest.get()));
                } else {
                    print(out, topology, latest.get());
                }
                return 0;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return 0;
    }

    static void print(PrintWriter out, Topology topology, SystemFigures f) {
        out.printf("%-16s %9s %7s %9s %10s %9s  %s%n", "NODE", "REQ/S", "ERR%", "P95", "GOROUTINES", "MEM", "ALERT");
        f.nodes().values().stream().sorted(java.util.Comparator.comparing(NodeFigures::node)).forEach(n ->
                out.printf("%-16s %9s %7s %9s %10s %9s  %s%n", n.node(), num(n.requestsPerSecond(), "%.1f"),
                        pct(n.errorRatio()), ms(n.p95Seconds()), num(n.goroutines(), "%.0f"), mb(n.residentBytes()),
                        n.problem().orElse(n.alerts().stream().map(Alert::message).findFirst().orElse(""))));
        out.println();
        out.printf("%-40s %9s %9s %9s %7s %7s  %s%n", "EDGE", "CALLS/S", "MSG/S", "BACKLOG", "HIT%", "POOL%", "ALERT");
        for (Edge e : topology.edges()) {
            f.edge(e.key()).ifPresent(x -> out.printf("%-40s %9s %9s %9s %7s %7s  %s%n", label(e),
                    num(x.callsPerSecond(), "%.1f"), num(x.messagesPerSecond(), "%.1f"), num(x.backlog(), "%.0f"),
                    pct(x.hitRatio()), pct(x.poolBusy()), x.alerts().stream().map(Alert::message).findFirst().orElse("")));
        }
    }

    private static String label(Edge e) {
        return e.from() + " → " + e.to() + " (" + e.kind().name().toLowerCase(Locale.ROOT)
                + e.topic().map(t -> " " + t).orElse("") + ")";
    }

    static String json(Topology topology, SystemFigures f) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("design", topology.name());
        ArrayNode nodes = root.putArray("nodes");
        f.nodes().values().stream().sorted(java.util.Comparator.comparing(NodeFigures::node)).forEach(n -> {
            ObjectNode o = nodes.addObject();
            o.put("node", n.node());
            put(o, "requestsPerSecond", n.requestsPerSecond());
            put(o, "errorRatio", n.errorRatio());
            put(o, "p95Seconds", n.p95Seconds());
            put(o, "goroutines", n.goroutines());
            put(o, "residentBytes", n.residentBytes());
            n.problem().ifPresent(p -> o.put("problem", p));
            ArrayNode alerts = o.putArray("alerts");
            n.alerts().forEach(a -> alerts.addObject().put("kind", a.kind().name()).put("message", a.message()));
        });
        ArrayNode edges = root.putArray("edges");
        for (Edge e : topology.edges()) {
            Optional<EdgeFigures> x = f.edge(e.key());
            if (x.isEmpty()) {
                continue;
            }
            ObjectNode o = edges.addObject();
            o.put("from", e.from()).put("to", e.to()).put("kind", e.kind().name().toLowerCase(Locale.ROOT));
            e.topic().ifPresent(t -> o.put("topic", t));
            put(o, "callsPerSecond", x.get().callsPerSecond());
            put(o, "errorRatio", x.get().errorRatio());
            put(o, "messagesPerSecond", x.get().messagesPerSecond());
            put(o, "backlog", x.get().backlog());
            put(o, "hitRatio", x.get().hitRatio());
            put(o, "poolBusy", x.get().poolBusy());
            put(o, "poolWaitsPerSecond", x.get().poolWaitsPerSecond());
            ArrayNode alerts = o.putArray("alerts");
            x.get().alerts().forEach(a -> alerts.addObject().put("kind", a.kind().name()).put("message", a.message()));
        }
        return mapper.writeValueAsString(root);
    }

    private static void put(ObjectNode o, String name, OptionalDouble v) {
        if (v.isPresent() && Double.isFinite(v.getAsDouble())) {
            o.put(name, v.getAsDouble());
        }
    }

    private static String num(OptionalDouble v, String pattern) {
        return v.isPresent() && Double.isFinite(v.getAsDouble()) ? String.format(Locale.ROOT, pattern, v.getAsDouble()) : "-";
    }

    private static String pct(OptionalDouble v) {
        return v.isPresent() && Double.isFinite(v.getAsDouble())
                ? String.format(Locale.ROOT, "%.1f", v.getAsDouble() * 100) : "-";
    }

    private static String ms(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.1fms", v.getAsDouble() * 1000) : "-";
    }

    private static String mb(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.1fMB", v.getAsDouble() / 1e6) : "-";
    }
}
