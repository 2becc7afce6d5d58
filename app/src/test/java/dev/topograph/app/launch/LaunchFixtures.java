package dev.topograph.app.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.Topology;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** What the launch tests share: designs, a run home whose build cache outlives one test, checks that nothing is left. */
public final class LaunchFixtures {
    /** One home for every launch test of this build: binaries built once are reused. */
    public static final RunHome HOME = new RunHome(Path.of("target", "launch-home").toAbsolutePath());

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LaunchFixtures() {
    }

    /** Skips on a machine without Go and the servers, except in CI, where their absence is a failure. */
    public static void assumeMachineCanRun() {
        boolean ready = Stream.of("go", "nats-server", "redis-server").allMatch(LaunchFixtures::onPath)
                && Files.isDirectory(Path.of("/usr/lib/postgresql"));
        if (!ready && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must install Go, nats-server, redis-server and PostgreSQL (.ci/run does)");
        }
        assumeTrue(ready, "Go, nats-server, redis-server and PostgreSQL are needed");
    }

    /**
     * Skips when this machine lacks a server an engine test needs ({@code present} false), except in CI,
     * where .ci/run installs it and its absence is a failure.
     */
    public static void assumeServer(boolean present, String what) {
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must provide " + what + " (.ci/run does)");
        }
        assumeTrue(present, what + " is needed");
    }

    /** The value of one sample of a Prometheus exposition whose line starts with {@code series}, 0 when absent. */
    public static double sample(String exposition, String series) {
        return exposition.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l ->
                Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    public static boolean onPath(String binary) {
        String path = RunSettings.searchPath(System.getenv("PATH"));
        return Stream.of(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, binary)));
    }

    public static Topology shop() throws Exception {
        return new ProjectFile().load(Path.of("..", "examples", "shop.topology.json"));
    }

    public static Topology tiny() throws Exception {
        return new ProjectFile().load(Path.of("src", "test", "resources", "launch", "tiny.topology.json"));
    }

    /** Settings for a test: free ports (tests run beside other things), the given providers. */
    public static RunSettings settings(RunSettings.ProviderKind... providers) {
        return RunSettings.defaults(HOME).withPorts(RunSettings.Ports.FREE).withProviders(List.of(providers))
                .withHealthTimeout(Duration.ofSeconds(60));
    }

    /** A listener that keeps every status a run announced. */
    public static final class Recorder implements RunListener {
        public final List<NodeStatus> statuses = new CopyOnWriteArrayList<>();
        public final Map<String, NodeStatus> last = new ConcurrentHashMap<>();
        private final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void statusChanged(NodeStatus status) {
            statuses.add(status);
            last.put(status.node(), status);
        }

        @Override
        public void logged(LogLine line) {
            lines.add(line.text());
        }

        /** Every log line the run sent, the launcher's own included. */
        public List<String> lines() {
            return List.copyOf(lines);
        }

        public boolean saw(String node, NodeState state) {
            return statuses.stream().anyMatch(s -> s.node().equals(node) && s.state() == state);
        }
    }

    public static HttpResponse<String> send(String method, String url, String body) throws IOException,
            InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static String url(Run run, String node) {
        return run.status(node).flatMap(NodeStatus::url).orElseThrow();
    }

    /** Where the program's {@code /metrics} answers: its metrics listener, not its public port. */
    public static String metricsUrl(Run run, String node) {
        return run.status(node).flatMap(NodeStatus::metrics).orElseThrow();
    }

    /** Asserts that no process, data folder or record of {@code project} is left on this machine. */
    public static void assertNothingLeft(String project, List<Long> pids) throws IOException {
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("process " + pid + " is gone").isEmpty();
        }
        String prefix = RunHome.tempPrefix(project);
        Path tmpdir = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> tmp = Files.list(tmpdir)) {
            assertThat(tmp.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)))
                    .as("throwaway data folders").isEmpty();
        }
        // This run's folders only (under this JVM's tmpdir): another test run on the machine may have its own.
        String ours = tmpdir.resolve(prefix).toString();
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(ours)).orElse(false)))
                .as("processes working in the project's data folders").isEmpty();
        assertThat(HOME.project(project).resolve(RunRecord.FILE)).doesNotExist();
    }

    /** Every pid a run shows, to check later that each is gone. */
    public static List<Long> pids(Run run) {
        return run.statuses().stream().flatMap(s -> s.pid().stream()).toList();
    }
}
