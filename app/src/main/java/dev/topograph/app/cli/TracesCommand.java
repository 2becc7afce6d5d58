package dev.topograph.app.cli;

import dev.topograph.app.launch.RunRecord;
import dev.topograph.app.traces.Span;
import dev.topograph.app.traces.Trace;
import dev.topograph.app.traces.TraceJson;
import dev.topograph.app.traces.TracePath;
import dev.topograph.model.topology.Topology;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code topograph traces FILE}: the recent or slowest traces of a running design, from its launcher's receiver. */
@Command(name = "traces",
        description = "Show the traces of a running design (started with `up`): each request's route, time, the "
                + "nodes it went through and its slowest hop; with --slowest N the N slowest, else the newest.%n"
                + "Exit codes: 0 ok, 3 not running, 2 unusable input, 1 the receiver did not answer.",
        mixinStandardHelpOptions = true)
final class TracesCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    enum Format { text, json }

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The *.topology.json file.")
    private Path file;

    @Option(names = "--slowest", paramLabel = "N", description = "The N slowest traces (default: the 20 newest).")
    private Integer slowest;

    @Option(names = "--route", paramLabel = "R", description = "Only traces of routes that start with R, e.g. /orders.")
    private String route;

    @Option(names = "--node", paramLabel = "ID", description = "Only traces through this node.")
    private String node;

    @Option(names = "--format", defaultValue = "text", description = "text (default) or json (every span).")
    private Format format;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Topology> loaded = Designs.load(file, err);
        if (loaded.isEmpty()) {
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        Topology topology = loaded.get();
        Optional<RunRecord> record = Designs.running(topology);
        if (record.isEmpty()) {
            out.println(topology.name() + " is not running: `topograph up " + file + "` starts it.");
            return StatusCommand.NOT_RUNNING;
        }
        if (record.get().tracesUrl().isEmpty()) {
            err.println("topograph traces: this run of " + topology.name() + " has no trace receiver (started by an "
                    + "older topograph, or by the designer: its Traces panel shows them)");
            return 1;
        }
        StringBuilder query = new StringBuilder(slowest != null ? "slowest=" + slowest : "limit=20");
        if (route != null) {
            query.append("&route=").append(URLEncoder.encode(route, StandardCharsets.UTF_8));
        }
        if (node != null) {
            query.append("&node=").append(URLEncoder.encode(node, StandardCharsets.UTF_8));
        }
        HttpResponse<String> answer;
        try {
            answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(HttpRequest
                    .newBuilder(URI.create(record.get().tracesUrl() + "/api/traces?" + query))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            err.println("topograph traces: the run's trace receiver did not answer: " + e.getMessage());
            return 1;
        }
        if (format == Format.json) {
            out.println(answer.body().strip());
            return 0;
        }
        print(out, topology, TraceJson.read(answer.body()));
        return 0;
    }

    static void print(PrintWriter out, Topology topology, List<Trace> traces) {
        if (traces.isEmpty()) {
            out.println("no traces yet: send the design some requests (`topograph traffic`)");
            return;
        }
        out.printf("%-12s %-32s %-24s %9s %5s %6s  %s%n", "START", "TRACE", "ROUTE", "TIME", "SPANS", "STATUS",
                "SLOWEST HOP");
        for (Trace t : traces) {
            String hop = TracePath.slowest(TracePath.of(t, topology))
                    .map(h -> h.from() + " → " + h.to() + " " + ms(h.nanos())).orElse("-");
            out.printf("%-12s %-32s %-24s %9s %5d %6s  %s%n",
                    TIME.format(Instant.ofEpochSecond(0, t.startNanos())), t.traceId(), cut(method(t) + t.route(), 24),
                    ms(t.durationNanos()), t.spans().size(), t.error() ? "error" : "ok", hop);
        }
    }

    private static String method(Trace t) {
        Span root = t.root();
        return root.attribute("http.request.method").or(() -> root.attribute("http.method")).map(m -> m + " ").orElse("");
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1fms", nanos / 1e6);
    }
}
