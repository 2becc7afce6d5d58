package dev.topograph.app.launch.local;

import dev.topograph.app.launch.Instance;
import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.LogLine;
import dev.topograph.app.launch.NodeState;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.launch.Probes;
import dev.topograph.app.launch.Run;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.RunRecord;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.app.launch.infra.InfraProvider;
import dev.topograph.model.generate.LaunchPlan;
import dev.topograph.model.generate.LaunchPlan.PlannedNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run on this machine, processes or containers: builds every program, starts the plan's
 * waves (infrastructure first) each node once its dependencies are up, waits for health, then
 * watches — a crashed node is restarted with backoff, an unhealthy one is shown as such — until
 * {@link #stop}. All work happens on the run's own threads; listeners hear about it there.
 */
final class LocalRun implements Run {
    /** Consecutive failed health probes before a running node is shown unhealthy. */
    private static final int UNHEALTHY_AFTER = 3;
    private static final Duration PROGRAM_GRACE = Duration.ofSeconds(5);
    private static final Duration INFRA_GRACE = Duration.ofSeconds(10);

    private final String project;
    private final String designFile;
    private final RunSettings settings;
    private final LaunchPlan plan;
    private final Path runFolder;
    private final Path systemFolder;
    private final RunListener listener;
    private final List<InfraProvider> providers;
    private final ProgramRunner programs;
    private final GoToolchain go;
    private final Runnable afterStop;
    private final Map<String, NodeRun> nodes = new LinkedHashMap<>();
    private final ExecutorService pool;
    private final ExecutorService builds;
    private final ScheduledExecutorService timer;
    private final HttpClient http;
    private final CompletableFuture<Outcome> started = new CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicBoolean shuttingDown = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.CountDownLatch down = new java.util.concurrent.CountDownLatch(1);
    private final Object recordLock = new Object();
    private volatile boolean stopping;
    private volatile boolean stopped;

    LocalRun(String project, String designFile, RunSettings settings, LaunchPlan plan, Map<String, NodePorts> ports,
            Path runFolder, Path systemFolder, RunListener listener, List<InfraProvider> providers,
            ProgramRunner programs, GoToolchain go, Runnable afterStop) {
        this.afterStop = afterStop;
        this.project = project;
        this.designFile = designFile;
        this.settings = settings;
        this.plan = plan;
        this.runFolder = runFolder;
        this.systemFolder = systemFolder;
        this.listener = listener;
        this.providers = List.copyOf(providers);
        this.programs = programs;
        this.go = go;
        String name = "topograph-run-" + project;
        this.pool = Executors.newCachedThreadPool(daemon(name));
        this.builds = Executors.newFixedThreadPool(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())),
                daemon(name + "-build"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon(name + "-watch"));
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).executor(pool).build();
        for (PlannedNode node : plan.nodes()) {
            nodes.put(node.id(), new NodeRun(node, ports.get(node.id()),
                    new dev.topograph.app.launch.NodeLog(node.id(), runFolder.resolve("logs").resolve(node.id() + ".log"))));
        }
    }

    /** The ports a node listens on in this run. */
    record NodePorts(int port, int adminPort, int grpcPort) {
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Starts the run on its own threads. */
    void begin() {
        nodes.values().forEach(n -> publish(n, n.status));
        pool.execute(this::startAll);
    }

    // ---- start-up ----------------------------------------------------------------------------

    private void startAll() {
        try {
            for (NodeRun n : nodes.values()) {
                if (n.plan.isProgram()) {
                    n.build = CompletableFuture.supplyAsync(() -> build(n), builds);
                }
            }
            boolean prepared = false;
            for (List<PlannedNode> wave : plan.waves()) {
                if (!prepared && wave.stream().anyMatch(PlannedNode::isProgram)) {
                    prepared = true;
                    programs.prepare(nodes.values().stream().filter(n -> !n.plan.isProgram() && n.instance != null)
                            .map(n -> n.instance).toList(), line -> listener.logged(
                            new LogLine("", java.time.Instant.now(), line, true)));
                }
                List<CompletableFuture<Void>> starting = new ArrayList<>();
                for (PlannedNode p : wave) {
                    NodeRun n = nodes.get(p.id());
                    starting.add(CompletableFuture.runAsync(() -> startOrThrow(n), pool));
                }
                for (CompletableFuture<Void> f : starting) {
                    f.join();
                }
                if (stopping) {
                    return;
                }
            }
            List<String> crashed = nodes.values().stream().filter(n -> n.status.state() == NodeState.CRASHED)
                    .map(n -> n.plan.id() + " crashed (" + n.status.message() + ") and is being restarted").toList();
            started.complete(crashed.isEmpty() ? Outcome.ok() : Outcome.degraded(String.join("; ", crashed)));
            writeRecord("");
        } catch (CompletionException e) {
            abort(e.getCause() instanceof LaunchException le ? le.getMessage() : describe(e.getCause()));
        } catch (RuntimeException e) {
            abort(describe(e));
        }
    }

    private Path build(NodeRun n) {
        if (stopping) {
            throw new CompletionException(new LaunchException(n.plan.id() + ": stopped before it was built"));
        }
        setState(n, NodeState.BUILDING, "");
        try {
            return go.build(systemFolder, n.plan.module(), n.plan.mainPackage(), n.plan.goGenerate(), n.plan.id(),
                    settings.home().binaries(), line -> log(n, line, true));
        } catch (LaunchException e) {
            setState(n, NodeState.FAILED, e.getMessage());
            throw new CompletionException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(new LaunchException(n.plan.id() + ": build interrupted"));
        }
    }

    private void startOrThrow(NodeRun n) {
        if (stopping) {
            return;
        }
        try {
            start(n);
        } catch (LaunchException e) {
            setState(n, NodeState.FAILED, e.getMessage());
            log(n, e.getMessage(), true);
            throw new CompletionException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(new LaunchException(n.plan.id() + ": start interrupted"));
        }
    }

    /** Starts one node and waits until it is healthy (or, for a program, until it crashed: restarts take over). */
    private void start(NodeRun n) throws LaunchException, InterruptedException {
        if (n.plan.isProgram()) {
            startProgram(n);
        } else {
            startInfra(n);
        }
    }

    private void startInfra(NodeRun n) throws LaunchException, InterruptedException {
        setState(n, NodeState.STARTING, "");
        List<String> refusals = new ArrayList<>();
        var engine = n.plan.engine().orElseThrow();
        for (InfraProvider provider : providers) {
            Optional<String> why = provider.cannotServe(n.plan);
            if (why.isPresent()) {
                refusals.add(why.get());
                continue;
            }
            try {
                Instance instance = provider.start(project, n.plan, n.ports.port(), line -> log(n, line, false),
                        settings.healthTimeout());
                String url = n.plan.addressAt("127.0.0.1", n.ports.port());
                adopt(n, instance, url);
                setState(n, NodeState.HEALTHY, "");
                return;
            } catch (LaunchException e) {
                String prefix = n.plan.id() + ": ";
                refusals.add(e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage());
                log(n, provider.kind().name().toLowerCase() + " provider failed: " + e.getMessage(), true);
            }
        }
        throw new LaunchException(n.plan.id() + ": nothing here can serve " + engine.json() + " — "
                + String.join("; ", refusals));
    }

    private void startProgram(NodeRun n) throws LaunchException, InterruptedException {
        Path binary;
        try {
            binary = n.build.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof CompletionException ce && ce.getCause() instanceof LaunchException le ? le
                    : e.getCause() instanceof LaunchException le2 ? le2
                    : new LaunchException(n.plan.id() + ": the build failed: " + describe(e.getCause()));
        }
        if (stopping) {
            return;
        }
        setState(n, NodeState.STARTING, "");
        Instance instance = programs.start(project, n.plan, binary, environment(n),
                runFolder.resolve("work").resolve(n.plan.id()), line -> log(n, line, false));
        adopt(n, instance, "http://127.0.0.1:" + n.ports.port());
        awaitHealthy(n, instance);
    }

    /** The variables a program reads: its ports and where every node it uses answers. */
    Map<String, String> environment(NodeRun n) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", String.valueOf(n.ports.port()));
        env.put("ADMIN_PORT", String.valueOf(n.ports.adminPort()));
        n.plan.grpcPort().ifPresent(g -> env.put("GRPC_PORT", String.valueOf(n.ports.grpcPort())));
        env.put("SHUTDOWN_DRAIN", "0s");
        for (LaunchPlan.Binding b : n.plan.bindings()) {
            NodeRun target = nodes.get(b.node());
            if (target == null) {
                continue;
            }
            if (target.plan.grpcPort().isPresent() && b.envVar().endsWith("_GRPC_ADDR")) {
                env.put(b.envVar(), hostOf(programs.reach(target.instance, target.ports.grpcPort())) + ":"
                        + target.ports.grpcPort());
            } else {
                String reach = programs.reach(target.instance, target.ports.port());
                env.put(b.envVar(), target.plan.addressAt(hostOf(reach), portOf(reach)));
            }
        }
        return env;
    }

    private static String hostOf(String hostPort) {
        return hostPort.substring(0, hostPort.lastIndexOf(':'));
    }

    private static int portOf(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    private void awaitHealthy(NodeRun n, Instance instance) throws LaunchException, InterruptedException {
        long deadline = System.nanoTime() + settings.healthTimeout().toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (stopping || n.instance != instance) {
                return;
            }
            if (instance.exit().isDone()) {
                return; // The exit watcher shows the crash and restarts it.
            }
            Optional<String> problem = probe(n);
            if (problem.isEmpty()) {
                n.failedProbes = 0;
                n.healthySince = System.nanoTime();
                setState(n, NodeState.HEALTHY, "");
                return;
            }
            last = problem.get();
            Thread.sleep(50);
        }
        throw new LaunchException(n.plan.id() + " did not become healthy within " + settings.healthTimeout().toSeconds()
                + " s (" + last + ")");
    }

    /** Empty when the node answers as healthy; else what it answered. */
    private Optional<String> probe(NodeRun n) {
        if (!n.plan.isProgram()) {
            return Probes.answers(n.ports.port(), Duration.ofMillis(500)) ? Optional.empty()
                    : Optional.of("port " + n.ports.port() + " does not accept connections");
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + n.ports.port() + "/readyz"))
                    .timeout(Duration.ofMillis(800)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.empty()
                    : Optional.of("/readyz answered " + r.statusCode() + " " + abbreviate(r.body().strip()));
        } catch (IOException e) {
            return Optional.of("/readyz: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private void adopt(NodeRun n, Instance instance, String url) {
        n.instance = instance;
        n.status = n.status.servedBy(instance.provider(), instance.pid(), instance.container(), Optional.of(url));
        publish(n, n.status);
        log(n, "started by " + instance.provider() + (instance.pid().isPresent() ? " as pid " + instance.pid().get() : "")
                + instance.container().map(c -> " in container " + c.substring(0, Math.min(12, c.length()))).orElse("")
                + ", answering at " + url, true);
        instance.exit().thenAcceptAsync(code -> exited(n, instance, code), pool);
        n.watch();
    }

    // ---- watching ----------------------------------------------------------------------------

    private void exited(NodeRun n, Instance instance, int code) {
        if (stopping || n.instance != instance) {
            return;
        }
        String message = "exited with code " + code + (code > 128 && code < 160 ? " (killed by signal " + (code - 128) + ")" : "")
                + crashSummary(n.log.tail(30)).map(line -> ": " + line).orElse("");
        log(n, "crashed: " + message, true);
        n.instance = null;
        setState(n, NodeState.CRASHED, message);
        scheduleRestart(n);
    }

    /**
     * The line that says why a program died: a Go panic or fatal error, else its last error-level log
     * line, else its last line.
     */
    static Optional<String> crashSummary(List<String> tail) {
        for (int i = tail.size() - 1; i >= 0; i--) {
            String line = tail.get(i).strip();
            if (line.startsWith("panic:") || line.startsWith("fatal error:")) {
                return Optional.of(abbreviate(line));
            }
        }
        for (int i = tail.size() - 1; i >= 0; i--) {
            String line = tail.get(i).strip();
            if (line.contains("\"level\":\"ERROR\"") || line.matches("(?i).*\\b(error|failed|fatal)\\b.*")) {
                return Optional.of(abbreviate(line));
            }
        }
        return tail.isEmpty() ? Optional.empty() : Optional.of(abbreviate(tail.get(tail.size() - 1).strip()));
    }

    private void scheduleRestart(NodeRun n) {
        if (stopping) {
            return;
        }
        long delay = Math.min(30, 1L << Math.min(5, n.crashes++));
        log(n, "restarting in " + delay + " s", true);
        timer.schedule(() -> pool.execute(() -> restartAfterCrash(n)), delay, TimeUnit.SECONDS);
    }

    private void restartAfterCrash(NodeRun n) {
        if (stopping || n.instance != null) {
            return;
        }
        n.status = n.status.restarted();
        try {
            start(n);
        } catch (LaunchException e) {
            log(n, e.getMessage(), true);
            setState(n, NodeState.CRASHED, e.getMessage());
            scheduleRestart(n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void check(NodeRun n) {
        Instance instance = n.instance;
        NodeState state = n.status.state();
        if (stopping || instance == null || instance.exit().isDone()
                || (state != NodeState.HEALTHY && state != NodeState.UNHEALTHY)) {
            return;
        }
        Optional<String> problem = probe(n);
        if (problem.isEmpty()) {
            n.failedProbes = 0;
            if (state == NodeState.UNHEALTHY) {
                n.healthySince = System.nanoTime();
                setState(n, NodeState.HEALTHY, "");
            } else if (n.crashes > 0 && System.nanoTime() - n.healthySince > Duration.ofSeconds(30).toNanos()) {
                n.crashes = 0; // Healthy for a while: the next crash restarts quickly again.
            }
        } else if (++n.failedProbes >= UNHEALTHY_AFTER && state == NodeState.HEALTHY) {
            log(n, "unhealthy: " + problem.get(), true);
            setState(n, NodeState.UNHEALTHY, problem.get());
        }
    }

    // ---- stopping ----------------------------------------------------------------------------

    private void abort(String reason) {
        if (stopping) {
            return;
        }
        listener.logged(new LogLine("", java.time.Instant.now(), "run stopped: " + reason, true));
        shutDown(reason);
        started.complete(Outcome.failed(reason));
    }

    @Override
    public void stop() {
        shutDown("");
        started.complete(Outcome.failed("stopped"));
    }

    private void shutDown(String reason) {
        if (!shuttingDown.compareAndSet(false, true)) {
            try {
                down.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        stopping = true;
        timer.shutdownNow();
        List<List<PlannedNode>> waves = new ArrayList<>(plan.waves());
        Collections.reverse(waves);
        for (List<PlannedNode> wave : waves) {
            List<CompletableFuture<Void>> stopping = new ArrayList<>();
            for (PlannedNode p : wave) {
                NodeRun n = nodes.get(p.id());
                stopping.add(CompletableFuture.runAsync(() -> stopNode(n), pool));
            }
            stopping.forEach(CompletableFuture::join);
        }
        builds.shutdownNow();
        programs.close();
        try {
            afterStop.run();
        } catch (RuntimeException e) {
            // Cleanup of labelled resources: the sweep retries.
        }
        stopped = true;
        writeRecord(reason.isEmpty() ? "stopped" : "failed: " + reason);
        try {
            Files.deleteIfExists(runFolder.resolve(RunRecord.FILE));
        } catch (IOException e) {
            // The sweep finds a record whose launcher is gone and whose nodes are gone: nothing to do.
        }
        nodes.values().forEach(n -> n.log.close());
        pool.shutdown();
        down.countDown();
    }

    private void stopNode(NodeRun n) {
        Instance instance = n.instance;
        n.instance = null;
        if (instance != null) {
            log(n, "stopping", true);
            instance.stop(n.plan.isProgram() ? PROGRAM_GRACE : INFRA_GRACE);
        }
        if (n.status.state() != NodeState.FAILED) {
            setState(n, NodeState.STOPPED, "");
        }
    }

    @Override
    public void restart(String node) {
        NodeRun n = nodes.get(node);
        if (n == null || stopping) {
            return;
        }
        pool.execute(() -> {
            Instance instance = n.instance;
            n.instance = null;
            if (instance != null) {
                log(n, "restarting on request", true);
                instance.stop(n.plan.isProgram() ? PROGRAM_GRACE : INFRA_GRACE);
            }
            n.crashes = 0;
            try {
                start(n);
            } catch (LaunchException e) {
                log(n, e.getMessage(), true);
                setState(n, NodeState.FAILED, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    // ---- state and record --------------------------------------------------------------------

    private void setState(NodeRun n, NodeState state, String message) {
        if (stopped) {
            return;
        }
        n.status = n.status.with(state, message);
        publish(n, n.status);
    }

    private void publish(NodeRun n, NodeStatus status) {
        writeRecord("");
        listener.statusChanged(status);
    }

    private void log(NodeRun n, String text, boolean fromLauncher) {
        listener.logged(n.log.add(text, fromLauncher));
    }

    private void writeRecord(String outcome) {
        synchronized (recordLock) {
            writeRecordLocked(outcome);
        }
    }

    private void writeRecordLocked(String outcome) {
        if (stopped && outcome.isEmpty()) {
            return;
        }
        ProcessHandle self = ProcessHandle.current();
        List<RunRecord.Node> records = nodes.values().stream().map(n -> {
            NodeStatus s = n.status;
            Instance i = n.instance;
            return new RunRecord.Node(n.plan.id(), s.state().label(), s.provider(), s.pid().orElse(0L),
                    i == null ? 0 : i.pidStart(), s.container().orElse(""), s.url().orElse(""),
                    i == null ? "" : i.dataDir().map(Path::toString).orElse(""), s.message(), s.restarts());
        }).toList();
        String result = outcome.isEmpty() && started.isDone()
                ? outcomeWord(started.getNow(Outcome.ok()))
                : outcome;
        try {
            new RunRecord(project, designFile, settings.mode().name().toLowerCase(), self.pid(),
                    dev.topograph.app.launch.Processes.startOf(self), systemFolder.toString(), result, records)
                    .write(runFolder);
        } catch (IOException e) {
            // The record helps `status` and the sweep; the run goes on without it.
        }
    }

    // ---- Run ---------------------------------------------------------------------------------

    @Override
    public String project() {
        return project;
    }

    @Override
    public RunSettings settings() {
        return settings;
    }

    @Override
    public Path systemFolder() {
        return systemFolder;
    }

    @Override
    public List<NodeStatus> statuses() {
        return nodes.values().stream().map(n -> n.status).toList();
    }

    @Override
    public Optional<NodeStatus> status(String node) {
        return Optional.ofNullable(nodes.get(node)).map(n -> n.status);
    }

    @Override
    public List<LogLine> log(String node) {
        return Optional.ofNullable(nodes.get(node)).map(n -> n.log.lines()).orElse(List.of());
    }

    @Override
    public Optional<String> adminUrl(String node) {
        NodeRun n = nodes.get(node);
        return n == null || !n.plan.isProgram() || n.instance == null ? Optional.empty()
                : Optional.of("http://127.0.0.1:" + n.ports.adminPort());
    }

    @Override
    public Optional<Outcome> awaitStarted(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(started.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(Outcome.failed(describe(e.getCause())));
        }
    }

    @Override
    public boolean isStopped() {
        return stopped;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String outcomeWord(Outcome o) {
        return o.healthy() ? "started" : o.running() ? "degraded: " + o.reason() : "failed: " + o.reason();
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    /** One node of the run: its plan, ports, log, and what runs it now. */
    private final class NodeRun {
        final PlannedNode plan;
        final NodePorts ports;
        final dev.topograph.app.launch.NodeLog log;
        volatile NodeStatus status;
        volatile Instance instance;
        volatile CompletableFuture<Path> build;
        volatile int failedProbes;
        volatile int crashes;
        volatile long healthySince;
        private boolean watched;

        NodeRun(PlannedNode plan, NodePorts ports, dev.topograph.app.launch.NodeLog log) {
            this.plan = plan;
            this.ports = ports;
            this.log = log;
            this.status = NodeStatus.waiting(plan.id());
        }

        /** Probes health every second from the first start on. */
        synchronized void watch() {
            if (!watched && !stopping) {
                watched = true;
                timer.scheduleWithFixedDelay(() -> pool.execute(() -> check(this)), 1, 1, TimeUnit.SECONDS);
            }
        }
    }
}
