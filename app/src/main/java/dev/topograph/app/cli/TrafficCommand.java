package dev.topograph.app.cli;

import dev.topograph.app.launch.RunRecord;
import dev.topograph.app.live.TrafficGenerator;
import dev.topograph.model.topology.GatewayNode;
import dev.topograph.model.topology.Topology;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code topograph traffic FILE ROUTE}: sends steady traffic through a running design's gateway. */
@Command(name = "traffic",
        description = "Send requests at a steady rate through the gateway of a running design, then print a summary.%n"
                + "Exit codes: 0 sent, 1 some requests failed, 3 not running, 2 unusable input.",
        mixinStandardHelpOptions = true)
final class TrafficCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The *.topology.json file.")
    private Path file;

    @Parameters(index = "1", paramLabel = "PATH", description = "The path to request, e.g. /orders.")
    private String path;

    @Option(names = {"-X", "--method"}, defaultValue = "GET", description = "HTTP method (default GET).")
    private String method;

    @Option(names = {"-d", "--body"}, description = "A JSON body (POST, PUT, PATCH).")
    private String body;

    @Option(names = "--rate", defaultValue = "20", description = "Requests per second (default 20).")
    private double rate;

    @Option(names = "--seconds", defaultValue = "10", description = "How long (default 10).")
    private int seconds;

    @Option(names = "--gateway", description = "Which gateway, when the design has several.")
    private String gateway;

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
        Optional<String> url = record.get().nodes().stream()
                .filter(n -> gateway == null ? topology.node(n.id()).filter(GatewayNode.class::isInstance).isPresent()
                        : n.id().equals(gateway))
                .map(RunRecord.Node::url).filter(u -> u.startsWith("http")).findFirst();
        if (url.isEmpty()) {
            err.println("topograph traffic: " + (gateway == null ? "the design has no running gateway"
                    : "no running node " + gateway));
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        TrafficGenerator.Plan plan;
        try {
            plan = new TrafficGenerator.Plan(method.toUpperCase(java.util.Locale.ROOT),
                    URI.create(url.get() + (path.startsWith("/") ? path : "/" + path)), body, rate,
                    Duration.ofSeconds(seconds));
        } catch (IllegalArgumentException e) {
            err.println("topograph traffic: " + e.getMessage());
            return TopographCommand.EXIT_UNUSABLE_INPUT;
        }
        out.println("sending " + plan.method() + " " + plan.url() + " at " + rate + "/s for " + seconds + " s…");
        out.flush();
        TrafficGenerator.Summary summary = new TrafficGenerator().send(plan, n -> { });
        out.println(summary.describe() + "; status codes " + summary.byStatus());
        return summary.errors() == 0 ? 0 : 1;
    }
}
