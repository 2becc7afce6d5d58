package dev.topograph.app.launch.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One Docker engine, reached the way the {@code docker} command reaches it ({@code DOCKER_HOST},
 * {@code DOCKER_TLS_VERIFY}, {@code DOCKER_CERT_PATH}, else the local socket), with what the
 * Docker launcher needs: scratch images from static binaries, containers, their logs and
 * health, networks, and a sweep of everything a project left behind by its label.
 *
 * <p>Every call is bounded in time and blocks its caller: call it from a background task, never
 * from the FX thread. Failures come as {@link DockerEngineException} with a message a user can
 * act on. Thread-safe.
 */
public final class DockerEngine implements AutoCloseable {
    /** The label on every container and network of a project; its value is the project's name. */
    public static final String PROJECT_LABEL = "io.topograph.project";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI host;
    private final DockerClientConfig config;
    private final String version;
    private final Timeouts timeouts;
    /**
     * For ordinary calls, each bounded by {@link Timeouts#call()} twice over: by the transport's read
     * timeout, which works over tcp only (docker-java's unix socket, a JDK channel dressed as a
     * {@code Socket}, never applies SO_TIMEOUT), and by {@link #within}, which works everywhere.
     */
    private final DockerClient calls;
    /**
     * No read timeout: a followed log may stay silent for hours, and builds, pulls and stops take as
     * long as they take. Bounded here by waiting for their callbacks, never by the socket.
     */
    private final DockerClient streams;
    /** Runs calls that the caller waits for with a bound; see {@link #within}. */
    private final ExecutorService waits = Executors.newCachedThreadPool(daemonThreads("docker-call"));

    /**
     * How long the engine may take to answer.
     *
     * @param connect to open a connection
     * @param call to answer an ordinary call (inspect, create, start, list, remove)
     * @param build to build one image, context upload included
     */
    public record Timeouts(Duration connect, Duration call, Duration build) {
        /** 5 s to connect, 30 s per call, 10 min per build. */
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(10));
    }

    private DockerEngine(DockerClientConfig config, String version, Timeouts timeouts, DockerClient calls,
            DockerClient streams) {
        this.host = config.getDockerHost();
        this.config = config;
        this.version = version;
        this.timeouts = timeouts;
        this.calls = calls;
        this.streams = streams;
    }

    /**
     * The engine the environment names ({@code DOCKER_HOST}, else {@code unix:///var/run/docker.sock}),
     * if it answers a ping within {@code timeout}; empty otherwise. Never throws, never waits longer.
     */
    public static Optional<DockerEngine> connect(Duration timeout) {
        try {
            return connect(DefaultDockerClientConfig.createDefaultConfigBuilder().build(), timeout, Timeouts.DEFAULT);
        } catch (RuntimeException badEnvironment) {
            return Optional.empty();
        }
    }

    /** The engine at {@code host} ({@code unix:///…}, {@code tcp://host:port}), if it answers within {@code timeout}. */
    public static Optional<DockerEngine> connect(URI host, Duration timeout) {
        return connect(host, timeout, Timeouts.DEFAULT);
    }

    /** As {@link #connect(URI, Duration)}, with other timeouts for the calls that follow. */
    public static Optional<DockerEngine> connect(URI host, Duration timeout, Timeouts timeouts) {
        try {
            return connect(DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host.toString()).build(),
                    timeout, timeouts);
        } catch (RuntimeException badHost) {
            return Optional.empty();
        }
    }

    private static Optional<DockerEngine> connect(DockerClientConfig config, Duration timeout, Timeouts timeouts) {
        DockerClient probe = client(config, shorter(timeouts.connect(), timeout), Optional.of(timeout));
        CompletableFuture<Version> answer = new CompletableFuture<>();
        Thread ping = daemonThreads("docker-ping").newThread(() -> {
            try {
                probe.pingCmd().exec();
                answer.complete(probe.versionCmd().exec());
            } catch (RuntimeException | Error e) {
                answer.completeExceptionally(e);
            }
        });
        ping.start();
        try {
            Version version = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String name = "Docker " + version.getVersion() + " (API " + version.getApiVersion() + ")";
            return Optional.of(new DockerEngine(config, name, timeouts,
                    client(config, timeouts.connect(), Optional.of(timeouts.call())),
                    client(config, timeouts.connect(), Optional.empty())));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException | RuntimeException noAnswer) {
            ping.interrupt(); // closes a unix socket's channel under a ping that waits for ever
            return Optional.empty();
        } finally {
            closeQuietly(probe);
        }
    }

    private static DockerClient client(DockerClientConfig config, Duration connect, Optional<Duration> response) {
        ZerodepDockerHttpClient.Builder transport = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(100)
                .connectionTimeout(connect);
        response.ifPresent(transport::responseTimeout);
        return DockerClientImpl.getInstance(config, transport.build());
    }

    /** The engine's version and where it listens, e.g. "Docker 26.1.5 (API 1.45) at unix:///var/run/docker.sock". */
    public String describe() {
        return version + " at " + host;
    }

    /** Where the engine listens. */
    public URI host() {
        return host;
    }

    /** Whether the engine has the image {@code ref} (a name with tag, or an id). */
    public boolean hasImage(String ref) {
        try {
            within("look up image " + ref, timeouts.call(), () -> calls.inspectImageCmd(ref).exec());
            return true;
        } catch (NotFoundException absent) {
            return false;
        } catch (RuntimeException e) {
            throw failure("look up image " + ref, e);
        }
    }

    /**
     * Pulls {@code ref} from its registry; false, not an exception, when the registry cannot be
     * reached, refuses, or {@code timeout} passes first (the pull is then abandoned).
     */
    public boolean pull(String ref, Duration timeout) {
        Outcome<PullResponseItem> pull = new Outcome<>();
        try {
            streams.pullImageCmd(ref).exec(pull);
            if (!pull.awaitCompletion(timeout) || pull.error().isPresent()) {
                return false;
            }
            return hasImage(ref);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException refused) {
            return false;
        } finally {
            closeQuietly(pull);
        }
    }

    /**
     * Builds an image {@code FROM scratch} holding just {@code binary} as {@code /<entrypointName>}
     * (and the host's CA bundle when it has one), run as user 65532:65532, tagged {@code tag} and
     * labelled with {@code labels}. The build context is streamed to the engine as it is written.
     * A tag that Docker would refuse, a bad entrypoint name or a missing binary fail at once with
     * an {@link IllegalArgumentException}, before anything is sent.
     *
     * @return the image's id ({@code sha256:…})
     */
    public String buildScratchImage(String tag, Path binary, String entrypointName, Map<String, String> labels) {
        ImageTag.requireValid(tag);
        ScratchImageContext context = new ScratchImageContext(binary, entrypointName,
                Optional.of(ScratchImageContext.HOST_CA_BUNDLE));
        AtomicReference<IOException> unsent = new AtomicReference<>();
        BuildOutcome build = new BuildOutcome();
        try (PipedInputStream body = new PipedInputStream(256 * 1024)) {
            PipedOutputStream sink = new PipedOutputStream(body);
            Thread writer = daemonThreads("docker-build-context").newThread(() -> {
                try {
                    context.writeTo(sink);
                } catch (IOException e) {
                    unsent.set(e);
                }
            });
            writer.start();
            streams.buildImageCmd(body)
                    .withTags(Set.of(tag))
                    .withLabels(labels)
                    .withPull(false)
                    .withRemove(true)
                    .withForcerm(true)
                    .exec(build);
            if (!build.awaitCompletion(timeouts.build())) {
                throw new DockerEngineException("Building image " + tag + " on the Docker engine at " + host
                        + " took longer than " + say(timeouts.build()) + "; it was abandoned");
            }
            if (build.engineError.get() != null) {
                throw new DockerEngineException("Docker could not build image " + tag + ": " + build.engineError.get());
            }
            if (build.error().isPresent()) {
                throw failure("build image " + tag, build.error().get());
            }
            if (unsent.get() != null) {
                throw new DockerEngineException("Could not send " + binary + " to the Docker engine at " + host
                        + " to build image " + tag + ": " + unsent.get().getMessage(), unsent.get());
            }
            String id = build.imageId.get();
            return id != null ? id : within("look up image " + tag, timeouts.call(), () -> calls.inspectImageCmd(tag).exec()).getId();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new DockerEngineException("Building image " + tag + " was interrupted", interrupted);
        } catch (IOException e) {
            throw new DockerEngineException("Could not stream the build context of image " + tag + ": " + e.getMessage(), e);
        } catch (DockerEngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure("build image " + tag, e);
        } finally {
            // closing the pipe (try-with-resources) also ends a writer the engine stopped reading from
            closeQuietly(build);
        }
    }

    /**
     * Pushes image {@code ref} ({@code registry/name:tag}) to its registry, with the credentials that
     * {@code docker login} stored for that registry, if any. Bounded by the build timeout. A refusal
     * (no such registry, no access, a plain-HTTP registry the engine does not trust) comes back as a
     * {@link DockerEngineException} in the registry's words.
     */
    public void push(String ref) {
        ImageTag.requireValid(ref);
        int colon = ref.lastIndexOf(':');
        boolean tagged = colon > ref.lastIndexOf('/');
        String name = tagged ? ref.substring(0, colon) : ref;
        String tag = tagged ? ref.substring(colon + 1) : "latest";
        Outcome<PushResponseItem> push = new Outcome<>();
        try {
            var command = streams.pushImageCmd(name).withTag(tag);
            credentials(ref).ifPresent(command::withAuthConfig);
            command.exec(push);
            if (!push.awaitCompletion(timeouts.build())) {
                throw new DockerEngineException("Pushing image " + ref + " from the Docker engine at " + host
                        + " took longer than " + say(timeouts.build()) + "; it was abandoned");
            }
            if (push.error().isPresent()) {
                Throwable e = push.error().get();
                throw e instanceof DockerEngineException refused
                        ? new DockerEngineException("Docker could not push " + ref + ": " + refused.getMessage(), refused)
                        : failure("push image " + ref, e);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new DockerEngineException("Pushing image " + ref + " was interrupted", interrupted);
        } catch (DockerEngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure("push image " + ref, e);
        } finally {
            closeQuietly(push);
        }
    }

    /** What {@code docker login} stored for the registry of {@code ref}; empty for an anonymous push. */
    private Optional<AuthConfig> credentials(String ref) {
        try {
            AuthConfig auth = config.effectiveAuthConfig(ref);
            boolean any = auth != null && (auth.getUsername() != null || auth.getAuth() != null
                    || auth.getIdentitytoken() != null || auth.getRegistrytoken() != null);
            return any ? Optional.of(auth) : Optional.empty();
        } catch (RuntimeException unreadable) {
            // no or an unreadable ~/.docker/config.json: push without, and let the registry say no
            return Optional.empty();
        }
    }

    /** Removes an image; nothing happens when it is already gone. Containers still using it make this fail. */
    public void removeImage(String ref) {
        try {
            within("remove image " + ref, timeouts.call(), () -> calls.removeImageCmd(ref).withForce(true).exec());
        } catch (NotFoundException gone) {
            // already gone: that is what was asked
        } catch (RuntimeException e) {
            throw failure("remove image " + ref, e);
        }
    }

    /**
     * Creates and starts a container; returns its id. A container of the same name left behind by
     * the same project (same {@value #PROJECT_LABEL}) is removed first; one of another project, or
     * of none, is left alone and the call fails.
     */
    public String run(ContainerSpec spec) {
        String id;
        try {
            id = create(spec);
        } catch (ConflictException nameTaken) {
            removeStale(spec);
            try {
                id = create(spec);
            } catch (RuntimeException e) {
                throw failure("create container " + spec.name(), e);
            }
        } catch (RuntimeException e) {
            throw failure("create container " + spec.name(), e);
        }
        try {
            String started = id;
            within("start container " + spec.name(), timeouts.call(), () -> calls.startContainerCmd(started).exec());
            return id;
        } catch (RuntimeException e) {
            // a container that never ran is no use to anyone: leave nothing behind
            try {
                remove(id);
            } catch (DockerEngineException ignored) {
                // the start failure is the one to report
            }
            throw failure("start container " + spec.name(), e);
        }
    }

    private String create(ContainerSpec spec) {
        List<String> env = spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
        HostConfig hostConfig = HostConfig.newHostConfig().withNetworkMode(spec.network().mode());
        List<ExposedPort> exposed = new ArrayList<>();
        if (!spec.ports().isEmpty()) {
            Ports bindings = new Ports();
            // published on loopback only: a design run on a laptop is not a service for the whole network
            spec.ports().forEach((containerPort, hostPort) -> {
                ExposedPort port = ExposedPort.tcp(containerPort);
                exposed.add(port);
                bindings.bind(port, Ports.Binding.bindIpAndPort("127.0.0.1", hostPort));
            });
            hostConfig.withPortBindings(bindings);
        }
        if (!spec.scratch().isEmpty()) {
            // Owned by the user the container runs as (a scratch image's is not root), so it may write there.
            String owner = spec.user().orElse(ScratchImageContext.USER);
            String uid = owner.contains(":") ? owner.substring(0, owner.indexOf(':')) : owner;
            String gid = owner.contains(":") ? owner.substring(owner.indexOf(':') + 1) : owner;
            Map<String, String> tmpfs = new HashMap<>();
            spec.scratch().forEach(folder -> tmpfs.put(folder, uid.matches("\\d+") && gid.matches("\\d+")
                    ? "uid=" + uid + ",gid=" + gid + ",mode=0700" : "mode=1777"));
            hostConfig.withTmpFs(tmpfs);
        }
        CreateContainerCmd create = calls.createContainerCmd(spec.image())
                .withName(spec.name())
                .withEnv(env)
                .withLabels(spec.labels())
                .withHostConfig(hostConfig);
        if (!exposed.isEmpty()) {
            create.withExposedPorts(exposed);
        }
        if (!spec.args().isEmpty()) {
            create.withCmd(spec.args());
        }
        spec.user().ifPresent(create::withUser);
        spec.healthcheck().ifPresent(check -> create.withHealthcheck(healthCheck(check)));
        return within("create container " + spec.name(), timeouts.call(), create::exec).getId();
    }

    private static HealthCheck healthCheck(ContainerSpec.Healthcheck check) {
        List<String> test = new ArrayList<>();
        test.add("CMD");
        test.addAll(check.command());
        // a check may take longer than the interval: the engine runs them one after another
        Duration timeout = check.interval().compareTo(Duration.ofSeconds(5)) > 0 ? check.interval() : Duration.ofSeconds(5);
        return new HealthCheck()
                .withTest(test)
                .withInterval(check.interval().toNanos())
                .withTimeout(timeout.toNanos())
                .withRetries(3);
    }

    private void removeStale(ContainerSpec spec) {
        String project = spec.labels().get(PROJECT_LABEL);
        InspectContainerResponse existing;
        try {
            existing = within("look up container " + spec.name(), timeouts.call(),
                    () -> calls.inspectContainerCmd(spec.name()).exec());
        } catch (NotFoundException goneMeanwhile) {
            return;
        } catch (RuntimeException e) {
            throw failure("look up container " + spec.name(), e);
        }
        Map<String, String> labels = existing.getConfig() == null || existing.getConfig().getLabels() == null
                ? Map.of() : existing.getConfig().getLabels();
        String owner = labels.get(PROJECT_LABEL);
        if (project == null || !project.equals(owner)) {
            throw new DockerEngineException("A container named " + spec.name() + " already exists on the Docker engine at "
                    + host + " and " + (owner == null ? "belongs to no Topograph project"
                            : "belongs to project " + owner + ", not " + (project == null ? "this one" : project))
                    + "; remove it (docker rm -f " + spec.name() + ") or rename the node");
        }
        remove(existing.getId());
    }

    /**
     * Streams the container's stdout and stderr, from its first line on, to {@code line}, one call
     * per line as lines come, on a thread of docker-java's until the container ends or the returned
     * handle is closed.
     */
    public Closeable followLogs(String containerId, Consumer<String> line) {
        inspect(containerId); // a missing container fails here, not silently on the stream's thread
        LogLines lines = new LogLines(line);
        ResultCallback.Adapter<Frame> follow = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                lines.accept(frame);
            }

            @Override
            public void onComplete() {
                lines.flush();
                super.onComplete();
            }
        };
        try {
            return streams.logContainerCmd(containerId)
                    .withStdOut(true)
                    .withStdErr(true)
                    .withFollowStream(true)
                    .withTailAll()
                    .exec(follow);
        } catch (RuntimeException e) {
            throw failure("follow the logs of container " + containerId, e);
        }
    }

    /** What the engine says about the container now. */
    public ContainerState inspect(String containerId) {
        InspectContainerResponse.ContainerState state;
        try {
            state = within("inspect container " + containerId, timeouts.call(),
                    () -> calls.inspectContainerCmd(containerId).exec()).getState();
        } catch (RuntimeException e) {
            throw failure("inspect container " + containerId, e);
        }
        Long exitCode = state.getExitCodeLong();
        return new ContainerState(
                Boolean.TRUE.equals(state.getRunning()),
                exitCode == null ? 0 : exitCode,
                ContainerState.Health.of(state.getHealth() == null ? null : state.getHealth().getStatus()),
                Boolean.TRUE.equals(state.getOOMKilled()),
                instant(state.getFinishedAt()));
    }

    private static Optional<Instant> instant(String engineTime) {
        if (engineTime == null || engineTime.isBlank()) {
            return Optional.empty();
        }
        try {
            // the engine says "0001-01-01T00:00:00Z" for never
            return Optional.of(Instant.parse(engineTime)).filter(t -> t.isAfter(Instant.EPOCH));
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * Sends the container its stop signal, waits up to {@code grace} for it to end, then kills it.
     * Nothing happens when it has already stopped or is gone.
     */
    public void stop(String containerId, Duration grace) {
        int seconds = (int) Math.min(Integer.MAX_VALUE, (grace.toMillis() + 999) / 1000);
        try {
            // the engine answers once the container has ended: after the grace at most, then a kill
            within("stop container " + containerId, Duration.ofSeconds(seconds).plus(timeouts.call()),
                    () -> streams.stopContainerCmd(containerId).withTimeout(seconds).exec());
        } catch (NotModifiedException | NotFoundException alreadyStoppedOrGone) {
            // nothing to do
        } catch (RuntimeException e) {
            throw failure("stop container " + containerId, e);
        }
    }

    /** Removes the container, killing it if it still runs; nothing happens when it is already gone. */
    public void remove(String containerId) {
        try {
            within("remove container " + containerId, timeouts.call(),
                    () -> calls.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec());
        } catch (NotFoundException gone) {
            // already gone: that is what was asked
        } catch (ConflictException e) {
            if (!String.valueOf(e.getMessage()).contains("already in progress")) {
                throw failure("remove container " + containerId, e);
            }
        } catch (RuntimeException e) {
            throw failure("remove container " + containerId, e);
        }
    }

    /** Creates a bridge network where containers reach each other by name; returns its id. */
    public String createNetwork(String name, Map<String, String> labels) {
        try {
            return within("create network " + name, timeouts.call(), () -> calls.createNetworkCmd()
                    .withName(name)
                    .withDriver("bridge")
                    .withLabels(labels)
                    .withCheckDuplicate(true)
                    .exec())
                    .getId();
        } catch (RuntimeException e) {
            throw failure("create network " + name, e);
        }
    }

    /** Removes a network; nothing happens when it is already gone. */
    public void removeNetwork(String networkId) {
        try {
            within("remove network " + networkId, timeouts.call(), () -> calls.removeNetworkCmd(networkId).exec());
        } catch (NotFoundException gone) {
            // already gone: that is what was asked
        } catch (RuntimeException e) {
            throw failure("remove network " + networkId, e);
        }
    }

    /** The containers (running or not) and networks labelled {@code key=value}, containers first. */
    public List<LabelledResource> listByLabel(String key, String value) {
        List<LabelledResource> found = new ArrayList<>();
        try {
            String doing = "list what is labelled " + key + "=" + value;
            List<Container> containers = within(doing, timeouts.call(),
                    () -> calls.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(key, value)).exec());
            for (Container c : containers) {
                String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0];
                found.add(new LabelledResource(LabelledResource.Kind.CONTAINER, c.getId(),
                        name.startsWith("/") ? name.substring(1) : name, labels(c.getLabels())));
            }
            List<Network> networks = within(doing, timeouts.call(),
                    () -> calls.listNetworksCmd().withFilter("label", List.of(key + "=" + value)).exec());
            for (Network n : networks) {
                found.add(new LabelledResource(LabelledResource.Kind.NETWORK, n.getId(), n.getName(), labels(n.getLabels())));
            }
        } catch (RuntimeException e) {
            throw failure("list what is labelled " + key + "=" + value, e);
        }
        return found;
    }

    /**
     * Removes every container (killed if it still runs: this is the sweep for what a crashed run
     * left behind, a launcher stops its containers gracefully first) and then every network
     * labelled {@code key=value}; returns how many it removed.
     */
    public int removeAllLabelled(String key, String value) {
        AtomicInteger removed = new AtomicInteger();
        List<LabelledResource> found = listByLabel(key, value);
        found.stream().filter(r -> r.kind() == LabelledResource.Kind.CONTAINER).forEach(r -> {
            remove(r.id());
            removed.incrementAndGet();
        });
        found.stream().filter(r -> r.kind() == LabelledResource.Kind.NETWORK).forEach(r -> {
            removeNetwork(r.id());
            removed.incrementAndGet();
        });
        return removed.get();
    }

    @Override
    public void close() {
        waits.shutdownNow();
        closeQuietly(calls);
        closeQuietly(streams);
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        return labels == null ? Map.of() : new HashMap<>(labels);
    }

    /**
     * Runs {@code call} and waits for its answer at most {@code bound}; docker-java's own exceptions
     * come through as they are. On time-out the call's thread is interrupted, which closes a unix
     * socket's channel under it; over tcp the transport's read timeout has ended it already.
     */
    private <T> T within(String doing, Duration bound, Supplier<T> call) {
        Future<T> answer = waits.submit(call::get);
        try {
            return answer.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            answer.cancel(true);
            throw new DockerEngineException("Docker engine at " + host + " did not answer within " + say(bound)
                    + " (trying to " + doing + ")");
        } catch (InterruptedException interrupted) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new DockerEngineException("Interrupted while trying to " + doing + " on the Docker engine at " + host,
                    interrupted);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException e) {
                throw e;
            }
            if (failed.getCause() instanceof Error e) {
                throw e;
            }
            throw failure(doing, failed.getCause());
        }
    }

    /** One failure in the user's words: which engine, what was being done, and why. */
    private DockerEngineException failure(String doing, Throwable e) {
        if (e instanceof DockerEngineException ours) {
            return ours;
        }
        if (e instanceof DockerException refused) {
            return new DockerEngineException("Docker engine at " + host + " could not " + doing + ": "
                    + engineWords(refused), e);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException) {
                return new DockerEngineException("Docker engine at " + host + " did not answer within "
                        + say(timeouts.call()) + " (trying to " + doing + ")", e);
            }
            if (cause instanceof IOException io) {
                // zerodep's unix socket reports a failed connect as a plain IOException from "native connect()"
                boolean connecting = io instanceof ConnectException || String.valueOf(io.getMessage()).contains("connect()");
                return new DockerEngineException((connecting ? "Docker engine at " + host + " cannot be reached"
                        : "Lost the connection to the Docker engine at " + host) + " (trying to " + doing + "): "
                        + io.getMessage(), e);
            }
        }
        return new DockerEngineException("Docker engine at " + host + " could not " + doing + ": " + e, e);
    }

    /** docker-java says "Status 404: {"message":"No such container: x"}"; the user needs the message. */
    private static String engineWords(DockerException e) {
        String text = String.valueOf(e.getMessage());
        int json = text.indexOf('{');
        if (json >= 0) {
            try {
                JsonNode message = JSON.readTree(text.substring(json)).path("message");
                if (message.isTextual()) {
                    return message.asText();
                }
            } catch (IOException notJson) {
                // fall through to the text as it is
            }
        }
        return text.strip();
    }

    private static String say(Duration d) {
        if (d.toMillis() % 60_000 == 0 && d.toMinutes() > 0) {
            return d.toMinutes() + " min";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // closing is best effort: the connection may already be gone
        }
    }

    /** A streamed call's end: whether it completed in time and the error it ended with, if any. */
    private static class Outcome<T> extends ResultCallback.Adapter<T> {
        private final AtomicReference<Throwable> failed = new AtomicReference<>();

        @Override
        public void onNext(T item) {
            if (item instanceof ResponseItem response && response.isErrorIndicated()) {
                failed.compareAndSet(null, new DockerEngineException(errorText(response)));
            }
        }

        @Override
        public void onError(Throwable throwable) {
            failed.compareAndSet(null, throwable);
            super.onError(throwable);
        }

        /** Waits up to {@code timeout}; false when the call has not ended by then. */
        boolean awaitCompletion(Duration timeout) throws InterruptedException {
            try {
                return awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException rethrownFirstError) {
                // docker-java rethrows the first error here; it is kept in failed already
                return true;
            }
        }

        Optional<Throwable> error() {
            return Optional.ofNullable(failed.get());
        }

        static String errorText(ResponseItem item) {
            if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
                return item.getErrorDetail().getMessage().strip();
            }
            return "the engine reported an error without saying which: " + item;
        }
    }

    /** A build's end: the full image id it reported, or the engine's words for why it failed. */
    private static final class BuildOutcome extends Outcome<BuildResponseItem> {
        private final AtomicReference<String> imageId = new AtomicReference<>();
        private final AtomicReference<String> engineError = new AtomicReference<>();

        @Override
        public void onNext(BuildResponseItem item) {
            if (item.isErrorIndicated()) {
                engineError.compareAndSet(null, errorText(item));
            } else if (item.isBuildSuccessIndicated() && item.getImageId() != null && item.getImageId().startsWith("sha256:")) {
                // docker-java reads an id from the aux item (sha256:…) and from "Successfully built <short id>"
                imageId.set(item.getImageId());
            }
        }
    }
}
