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
import java.util.Set;
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
 * watches — a crashed node is restarted with backoff, an unhealthy one is shown as such, a saved
 * source file rebuilds and restarts the programs built from it — until {@link #stop}. A program
 * that does not build fails alone: the others start without it. All work happens on the run's own
 * threads; listeners hear about it there.
 */
final class LocalRun implements Run {
    /** Consecutive failed health probes before a running node is shown unhealthy. */
    private static final int UNHEALTHY_AFTER = 3;
    private static final Duration PROGRAM_GRACE = Duration.ofSeconds(5);
    private static final Duration INFRA_GRACE = Duration.ofSeconds(10);
    /** How long the tree must be quiet after a change before the programs built from it are rebuilt. */
    private static final Duration SAVE_SETTLES = Duration.ofMillis(400);

    private final String project;
    private final String designFile;
    /** The system's Go module: packages under it are its own, the others dependencies. */
    private final String goModule;
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
    private final SourceOwners owners;
    /** Programs whose build failed at start, with the reason, for the outcome. */
    private final List<String> unbuilt = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Sources saved while the run was starting: they are rebuilt once it has started. */
    private final Set<Path> changedDuringStart = new java.util.LinkedHashSet<>();
    /**
     * Threads starting a node right now (a server's initdb, a health wait): a stop interrupts them and
     * waits until they let go, so that nothing a start was still making outlives the run.
     */
    private final Set<Thread> starters = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Optional<SourceWatcher> watcher = Optional.empty();
    private volatile boolean stopping;
    /** What the record says while the run stops ("stopping: <why it failed>"), so `status` tells the truth. */
    private volatile String stoppingBecause = "";
    private volatile boolean stopped;

    LocalRun(String project, String designFile, String goModule, RunSettings settings, LaunchPlan plan, Map<String, NodePorts> ports,
            Path runFolder, Path systemFolder, RunListener listener, List<InfraProvider> providers,
            ProgramRunner programs, GoToolchain go, Runnable afterStop) {
        this.afterStop = afterStop;
        this.project = project;
        this.designFile = designFile;
        this.goModule = goModule;
        this.settings = settings;
        this.plan = plan;
        this.runFolder = runFolder;
        this.systemFolder = systemFolder;
        this.listener = listener;
        this.providers = List.copyOf(providers);
        this.programs = programs;
        this.go = go;
        this.owners = SourceOwners.of(plan);
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

    /** The ports a node listens on in this run; a program's metrics and admin ports are its own. */
    record NodePorts(int port, int metricsPort, int adminPort, int grpcPort) {
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
        if (settings.watchSources()) {
            try {
                watcher = Optional.of(SourceWatcher.start(systemFolder, SAVE_SETTLES, this::sourcesChanged));
            } catch (IOException e) {
                listener.logged(new LogLine("", java.time.Instant.now(), "not watching " + systemFolder
                        + " for changes (" + describe(e) + "): Restart a node to run its new code", true));
            }
        }
        pool.execute(this::startAll);
    }

    // ---- start-up ----------------------------------------------------------------------------

    private void startAll() {
        try {
            List<NodeRun> toBuild = nodes.values().stream().filter(n -> n.plan.isProgram()).toList();
            CompletableFuture<Map<String, Path>> together = CompletableFuture.supplyAsync(() -> buildTogether(toBuild),
                    builds);
            for (NodeRun n : toBuild) {
                n.build = together.thenApplyAsync(built -> built.containsKey(n.plan.id()) ? built.get(n.plan.id())
                        : firstBuild(n), builds);
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
            List<String> problems = new ArrayList<>(unbuilt);
            nodes.values().stream().filter(n -> n.status.state() == NodeState.CRASHED)
                    .map(n -> n.plan.id() + " crashed (" + n.status.message() + ") and is being restarted")
                    .forEach(problems::add);
            if (unbuilt.size() == nodes.size()) {
                abort(String.join("; ", problems)); // Nothing could start: nothing to show running.
                return;
            }
            awaitWatching();
            started.complete(problems.isEmpty() ? Outcome.ok() : Outcome.degraded(String.join("; ", problems)));
            writeRecord("");
            Set<Path> held;
            synchronized (changedDuringStart) {
                held = Set.copyOf(changedDuringStart);
                changedDuringStart.clear();
            }
            if (!held.isEmpty()) {
                rebuildOwnersOf(held);
            }
        } catch (CompletionException e) {
            abort(e.getCause() instanceof LaunchException le ? le.getMessage() : describe(e.getCause()));
        } catch (RuntimeException e) {
            abort(describe(e));
        }
    }

    /**
     * Every program's first build in one {@code go build}, each building node saying meanwhile what
     * takes the time (a first build compiles hundreds of dependencies once; later ones take seconds).
     * A program missing from the answer is built alone next, which reports its error on its node.
     */
    private Map<String, Path> buildTogether(List<NodeRun> programs) {
        if (programs.isEmpty() || stopping) {
            return Map.of();
        }
        BuildProgress progress = new BuildProgress(goModule, System.nanoTime());
        programs.forEach(n -> setState(n, NodeState.BUILDING, ""));
        List<GoToolchain.Program> all = programs.stream().map(n -> new GoToolchain.Program(n.plan.id(),
                n.plan.module(), n.plan.mainPackage(), n.plan.goGenerate())).toList();
        Map<String, Path> cached = new java.util.HashMap<>();
        all.forEach(p -> go.cached(systemFolder, p, settings.home().binaries()).ifPresent(b -> cached.put(p.id(), b)));
        List<GoToolchain.Program> wanted = all.stream().filter(p -> !cached.containsKey(p.id())).toList();
        if (wanted.isEmpty()) {
            return cached; // Every Run after the first: nothing to compile, nothing to count.
        }
        CompletableFuture.runAsync(() -> {
            try {
                progress.expect(go.packagesToCompile(systemFolder, wanted));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, pool);
        java.util.concurrent.ScheduledFuture<?> ticker = timer.scheduleWithFixedDelay(() -> {
            String text = progress.describe();
            if (!text.isEmpty()) {
                programs.stream().filter(n -> n.status.state() == NodeState.BUILDING)
                        .forEach(n -> setState(n, NodeState.BUILDING, text));
            }
        }, 1, 1, TimeUnit.SECONDS);
        try {
            Map<String, Path> built = new java.util.HashMap<>(cached);
            built.putAll(go.buildTogether(systemFolder, wanted, settings.home().binaries(),
                    progress::compiled, line -> programs.forEach(n -> log(n, line, true))));
            String done = progress.summary();
            if (!done.isEmpty()) {
                programs.forEach(n -> log(n, done, true));
            }
            return built;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } finally {
            ticker.cancel(false);
        }
    }

    /** The program's build at start; a build error fails the node at once (its dependents start regardless). */
    private Path firstBuild(NodeRun n) {
        if (stopping) {
            throw new CompletionException(new LaunchException(n.plan.id() + ": stopped before it was built"));
        }
        setState(n, NodeState.BUILDING, "");
        try {
            return compile(n);
        } catch (LaunchException e) {
            setState(n, NodeState.FAILED, e.getMessage());
            throw new CompletionException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(new LaunchException(n.plan.id() + ": build interrupted"));
        }
    }

    /**
     * Builds a program's binary from the tree as it is now, the compiler's output going to the node's
     * log; fails with the first compiler error as a user reads it ({@code services/orders/x.go:12: undefined: foo}).
     */
    private Path compile(NodeRun n) throws LaunchException, InterruptedException {
        StringBuffer output = new StringBuffer();
        try {
            return go.build(systemFolder, n.plan.module(), n.plan.mainPackage(), n.plan.goGenerate(), n.plan.id(),
                    settings.home().binaries(), line -> {
                        output.append(line).append('\n');
                        log(n, line, true);
                    });
        } catch (LaunchException e) {
            throw new LaunchException(BuildErrors.summary(output.toString(), systemFolder, n.plan.module(),
                    e.getMessage()), e);
        }
    }

    /** {@link #compile} on the build threads, so a save of the platform does not build every program at once. */
    private Path compileOnBuildThreads(NodeRun n) throws LaunchException, InterruptedException {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return compile(n);
                } catch (LaunchException e) {
                    throw new CompletionException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CompletionException(new LaunchException(n.plan.id() + ": build interrupted"));
                }
            }, builds).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof LaunchException le ? le
                    : new LaunchException(n.plan.id() + ": the build failed: " + describe(e.getCause()), e.getCause());
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new LaunchException(n.plan.id() + ": the run is stopping", e);
        }
    }

    private void startOrThrow(NodeRun n) {
        if (!enterStart()) {
            return;
        }
        try {
            synchronized (n.lifecycle) {
                if (n.plan.isProgram()) {
                    startBuiltProgram(n);
                } else {
                    startInfra(n);
                }
            }
        } catch (LaunchException e) {
            if (stopping) {
                setState(n, NodeState.STOPPED, ""); // The stop cut its start short: it did not fail.
                return;
            }
            setState(n, NodeState.FAILED, e.getMessage());
            log(n, e.getMessage(), true);
            throw new CompletionException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (stopping) {
                setState(n, NodeState.STOPPED, "");
                return;
            }
            throw new CompletionException(new LaunchException(n.plan.id() + ": start interrupted"));
        } finally {
            leaveStart();
        }
    }

    /** Registers this thread as starting a node; false (and not registered) once the run is stopping. */
    private boolean enterStart() {
        starters.add(Thread.currentThread());
        if (stopping) {
            starters.remove(Thread.currentThread());
            return false;
        }
        return true;
    }

    private void leaveStart() {
        starters.remove(Thread.currentThread());
    }

    /**
     * Interrupts every start under way and waits until each has let go: a provider interrupted stops
     * what it had started and deletes its data; one that had just finished has handed its instance to
     * the node, where the stop finds it.
     */
    private void interruptStarts() {
        Thread self = Thread.currentThread();
        starters.stream().filter(t -> t != self).forEach(Thread::interrupt);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (starters.stream().anyMatch(t -> t != self) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void startInfra(NodeRun n) throws LaunchException, InterruptedException {
        setState(n, NodeState.STARTING, "");
        List<String> refusals = new ArrayList<>();
        var engine = n.plan.engine().orElseThrow();
        for (InfraProvider provider : providers) {
            if (stopping) {
                throw new LaunchException(n.plan.id() + ": the run is stopping");
            }
            Optional<String> why = provider.cannotServe(n.plan);
            if (why.isPresent()) {
                refusals.add(why.get());
                continue;
            }
            try {
                Instance instance = provider.start(project, n.plan, n.ports.port(), line -> log(n, line, false),
                        settings.healthTimeout());
                // Shown and logged: the server's user, never its password.
                String url = n.plan.addressAt("127.0.0.1", n.ports.port(),
                        instance.login().map(LaunchPlan.Login::withoutPassword));
                adopt(n, instance, url, Optional.empty());
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

    /** Starts a program once its first build is done; one that did not build stays failed, and the run goes on. */
    private void startBuiltProgram(NodeRun n) throws LaunchException, InterruptedException {
        Path binary;
        try {
            binary = n.build.get();
        } catch (ExecutionException e) {
            String why = e.getCause() instanceof LaunchException le ? le.getMessage() : describe(e.getCause());
            if (!stopping) {
                log(n, "build failed: " + why, true);
                unbuilt.add(n.plan.id() + " failed to build: " + why);
            }
            return;
        }
        if (stopping) {
            return;
        }
        startProgram(n, binary);
    }

    /**
     * Starts {@code binary} for a program and waits until it is healthy (or until it crashed: restarts
     * take over). The node's ports stay those of the run, so the designer's figures carry on.
     */
    private void startProgram(NodeRun n, Path binary) throws LaunchException, InterruptedException {
        setState(n, NodeState.STARTING, "");
        Instance instance = programs.start(project, n.plan, binary, environment(n),
                runFolder.resolve("work").resolve(n.plan.id()), line -> log(n, line, false));
        n.binary = binary;
        adopt(n, instance, "http://127.0.0.1:" + n.ports.port(),
                Optional.of("http://127.0.0.1:" + n.ports.metricsPort() + "/metrics"));
        if (stopping && n.release(instance)) {
            instance.stop(PROGRAM_GRACE); // Stop came while it started: nobody else will stop it.
            return;
        }
        awaitHealthy(n, instance);
    }

    /** The variables a program reads: its ports and where every node it uses answers. */
    Map<String, String> environment(NodeRun n) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", String.valueOf(n.ports.port()));
        env.put("METRICS_PORT", String.valueOf(n.ports.metricsPort()));
        env.put("ADMIN_PORT", String.valueOf(n.ports.adminPort()));
        n.plan.grpcPort().ifPresent(g -> env.put("GRPC_PORT", String.valueOf(n.ports.grpcPort())));
        env.put("SHUTDOWN_DRAIN", "0s");
        if (settings.traces().isPresent() && programs.sharesLoopback()) {
            // The designer's receiver listens on loopback: a program in a container of its own network cannot reach it.
            env.put("OTEL_EXPORTER_OTLP_ENDPOINT", settings.traces().get().toString());
            env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            env.put("OTEL_SERVICE_NAME", n.plan.id());
            env.put("OTEL_BSP_SCHEDULE_DELAY", "500"); // spans on the canvas within a second, not five
        }
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
                env.put(b.envVar(), target.plan.addressAt(hostOf(reach), portOf(reach),
                        Optional.ofNullable(target.instance).flatMap(Instance::login)));
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

    private void adopt(NodeRun n, Instance instance, String url, Optional<String> metrics) {
        n.hold(instance);
        n.status = n.status.servedBy(instance.provider(), instance.pid(), instance.container(), Optional.of(url),
                metrics);
        publish(n, n.status);
        log(n, "started by " + instance.provider() + (instance.pid().isPresent() ? " as pid " + instance.pid().get() : "")
                + instance.container().map(c -> " in container " + c.substring(0, Math.min(12, c.length()))).orElse("")
                + ", answering at " + url, true);
        instance.exit().thenAcceptAsync(code -> exited(n, instance, code), pool);
        n.watch();
    }

    // ---- watching ----------------------------------------------------------------------------

    private void exited(NodeRun n, Instance instance, int code) {
        if (stopping || !n.release(instance)) {
            return;
        }
        String message = "exited with code " + code + (code > 128 && code < 160 ? " (killed by signal " + (code - 128) + ")" : "")
                + crashSummary(n.log.tail(30)).map(line -> ": " + line).orElse("");
        log(n, "crashed: " + message, true);
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
        if (!enterStart()) {
            return;
        }
        try {
            restartAfterCrashStarting(n);
        } finally {
            leaveStart();
        }
    }

    private void restartAfterCrashStarting(NodeRun n) {
        synchronized (n.lifecycle) {
            if (stopping || n.instance != null || (n.plan.isProgram() && n.binary == null)) {
                return;
            }
            n.status = n.status.restarted();
            try {
                if (n.plan.isProgram()) {
                    startProgram(n, n.binary);
                } else {
                    startInfra(n);
                }
            } catch (LaunchException e) {
                log(n, e.getMessage(), true);
                setState(n, NodeState.CRASHED, e.getMessage());
                scheduleRestart(n);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
        stoppingBecause = reason.isEmpty() ? "stopping" : "stopping: " + reason;
        stopping = true;
        writeRecord("");
        watcher.ifPresent(SourceWatcher::close);
        timer.shutdownNow();
        interruptStarts();
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
        Instance instance = n.take();
        if (instance != null) {
            log(n, "stopping", true);
            instance.stop(n.plan.isProgram() ? PROGRAM_GRACE : INFRA_GRACE);
        }
        if (n.status.state() != NodeState.FAILED) {
            setState(n, NodeState.STOPPED, "");
        }
    }

    /**
     * Stops a node and starts it again. A program is built first (in a blink when its sources did not
     * change), so a restart runs the code on disk and a program that failed to build gets built again;
     * if the build fails, the previous build restarts.
     */
    @Override
    public void restart(String node) {
        NodeRun n = nodes.get(node);
        if (n == null || stopping) {
            return;
        }
        execute(() -> {
            if (n.plan.isProgram()) {
                replaceProgram(n, "restarting on request", true);
                return;
            }
            if (!enterStart()) {
                return;
            }
            try {
                restartInfra(n);
            } finally {
                leaveStart();
            }
        });
    }

    private void restartInfra(NodeRun n) {
        synchronized (n.lifecycle) {
            Instance instance = n.take();
            if (instance != null) {
                log(n, "restarting on request", true);
                instance.stop(INFRA_GRACE);
            }
            n.crashes = 0;
            try {
                startInfra(n);
            } catch (LaunchException e) {
                log(n, e.getMessage(), true);
                setState(n, NodeState.FAILED, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void rebuild(String node) {
        NodeRun n = nodes.get(node);
        if (n == null || !n.plan.isProgram() || stopping) {
            return;
        }
        execute(() -> replaceProgram(n, "rebuilding on request", false));
    }

    // ---- rebuilding on save --------------------------------------------------------------------

    /** On the watcher's thread: sources saved while the run starts wait until it has started. */
    private void sourcesChanged(Set<Path> changed) {
        synchronized (changedDuringStart) {
            if (!started.isDone()) {
                changedDuringStart.addAll(changed);
                return;
            }
        }
        rebuildOwnersOf(changed);
    }

    private void rebuildOwnersOf(Set<Path> changed) {
        if (stopping || !started.getNow(Outcome.failed("")).running()) {
            return;
        }
        owners.of(changed).forEach((id, files) -> {
            NodeRun n = nodes.get(id);
            execute(() -> replaceProgram(n, "source changed: " + describeFiles(n, files) + " — rebuilding", false));
        });
    }

    /** {@code internal/handlers/list_orders.go}, relative to the node's module when it is in it. */
    private static String describeFiles(NodeRun n, List<Path> files) {
        Path module = Path.of(n.plan.module());
        List<String> names = files.stream().sorted()
                .map(f -> (f.startsWith(module) && !f.equals(module) ? module.relativize(f) : f).toString())
                .map(f -> f.replace('\\', '/'))
                .map(f -> f.isEmpty() ? "everything" : f).toList();
        return names.size() <= 3 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
    }

    /**
     * Builds a program from the sources on disk, then swaps its instance for one of the new binary: the
     * build comes first, so the previous build keeps serving while Go works, and after a build error it
     * goes on serving (its status says why it is not the new code). {@code always} (a restart on
     * request) restarts an unchanged binary too, or the previous build after a build error.
     */
    private void replaceProgram(NodeRun n, String why, boolean always) {
        if (!enterStart()) {
            return;
        }
        try {
            replaceProgramStarting(n, why, always);
        } finally {
            leaveStart();
        }
    }

    private void replaceProgramStarting(NodeRun n, String why, boolean always) {
        synchronized (n.lifecycle) {
            if (stopping) {
                return;
            }
            log(n, why, true);
            setState(n, NodeState.BUILDING, "");
            Path binary;
            try {
                binary = compileOnBuildThreads(n);
                n.buildError = "";
            } catch (LaunchException e) {
                if (stopping) {
                    return;
                }
                Path previous = n.binary;
                if (always && previous != null) {
                    log(n, "build failed, restarting the previous build: " + e.getMessage(), true);
                    n.buildError = e.getMessage();
                    binary = previous;
                } else if (isRunning(n)) {
                    log(n, "build failed, still running the previous build: " + e.getMessage(), true);
                    n.buildError = e.getMessage();
                    settle(n);
                    return;
                } else {
                    log(n, "build failed: " + e.getMessage(), true);
                    // A crash-looping node still restarts its previous build: once it runs, it says why that one.
                    n.buildError = previous == null ? "" : e.getMessage();
                    setState(n, NodeState.FAILED, e.getMessage());
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (stopping) {
                return;
            }
            if (!always && binary.equals(n.binary) && isRunning(n)) {
                log(n, "the binary did not change: not restarted", true);
                settle(n);
                return;
            }
            Instance old = n.take();
            if (old != null) {
                log(n, "stopping the previous build" + old.pid().map(p -> " (pid " + p + ")").orElse(""), true);
                old.stop(PROGRAM_GRACE);
            }
            n.crashes = 0; // New code: the next crash restarts quickly again.
            try {
                startProgram(n, binary);
            } catch (LaunchException e) {
                log(n, e.getMessage(), true);
                setState(n, NodeState.FAILED, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean isRunning(NodeRun n) {
        Instance instance = n.instance;
        return instance != null && !instance.exit().isDone();
    }

    /** After a build that changed nothing that runs: the node shows its health again. */
    private void settle(NodeRun n) {
        Instance instance = n.instance;
        if (instance == null || instance.exit().isDone()) {
            return; // It crashed meanwhile: the exit watcher said so.
        }
        Optional<String> problem = probe(n);
        if (problem.isEmpty()) {
            n.failedProbes = 0;
            setState(n, NodeState.HEALTHY, "");
        } else {
            setState(n, NodeState.UNHEALTHY, problem.get());
        }
    }

    /** Waits (briefly) until the watcher watches the whole tree, so an edit made once the run has started is seen. */
    private void awaitWatching() {
        try {
            if (watcher.isPresent() && !watcher.get().awaitReady(Duration.ofSeconds(10))) {
                listener.logged(new LogLine("", java.time.Instant.now(), "still registering the folders of "
                        + systemFolder + " to watch: an edit right now may go unnoticed", true));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs work on the run's threads, unless the run has stopped. */
    private void execute(Runnable work) {
        try {
            pool.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Stopped meanwhile.
        }
    }

    // ---- state and record --------------------------------------------------------------------

    /**
     * A live node whose last build failed keeps saying so (it runs the build before) until a build
     * succeeds, whatever its health does meanwhile.
     */
    private void setState(NodeRun n, NodeState state, String message) {
        if (stopped) {
            return;
        }
        String buildError = n.buildError;
        if (message.isEmpty() && state.isLive() && !buildError.isEmpty()) {
            message = "build failed: " + buildError;
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
                    i == null ? 0 : i.pidStart(), s.container().orElse(""), s.url().orElse(""), s.metrics().orElse(""),
                    i == null ? "" : i.dataDir().map(Path::toString).orElse(""), s.message(), s.restarts());
        }).toList();
        String result = !outcome.isEmpty() ? outcome
                : stopping ? stoppingBecause
                : started.isDone() ? outcomeWord(started.getNow(Outcome.ok())) : "";
        try {
            new RunRecord(project, designFile, settings.mode().name().toLowerCase(), self.pid(),
                    dev.topograph.app.launch.Processes.startOf(self), systemFolder.toString(), result, records,
                    settings.traces().map(Object::toString).orElse("")).write(runFolder);
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
        /** The binary the program last started from; null until one built. */
        volatile Path binary;
        /** The first error of the last build when it failed while the previous build runs on; else empty. */
        volatile String buildError = "";
        /** Held while the node is started, restarted or rebuilt, so two of those never overlap. */
        final Object lifecycle = new Object();
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

        synchronized void hold(Instance running) {
            instance = running;
        }

        /** Takes the instance away from the node, for whoever stops it; null if none. */
        synchronized Instance take() {
            Instance running = instance;
            instance = null;
            return running;
        }

        /** Takes {@code running} away from the node if it is still the node's; whoever gets true stops it. */
        synchronized boolean release(Instance running) {
            if (instance != running || running == null) {
                return false;
            }
            instance = null;
            return true;
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
