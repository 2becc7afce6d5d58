package dev.topograph.model.generate;

import dev.topograph.model.generate.SystemView.ClientView;
import dev.topograph.model.generate.SystemView.ConnectionView;
import dev.topograph.model.generate.SystemView.GatewayView;
import dev.topograph.model.generate.SystemView.InfraView;
import dev.topograph.model.generate.SystemView.RouteView;
import dev.topograph.model.generate.SystemView.ServiceView;
import dev.topograph.model.topology.Engine;
import dev.topograph.model.topology.NodeKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The view model of {@code deploy/k8s/}: one workload per service and gateway, one per server of
 * the infrastructure, a volume claim per SQLite database, and the files the kustomizations list.
 * Derived from {@link SystemView} alone, so the manifests always agree with the code they deploy.
 */
record KubernetesView(
        String namespace,
        String localTag,
        List<Workload> workloads,
        List<InfraWorkload> infra,
        List<SqliteDatabase> sqlite,
        boolean hasSqlite,
        List<String> images,
        List<CredentialsSecret> secrets,
        List<String> baseFiles,
        boolean hasSecrets) {

    /** The tag the local overlay gives the system's own images; the README builds them with it. */
    static final String LOCAL_TAG = "dev";

    /** Gateways are the only way in and the design gives them no count, so two copies keep the door open. */
    static final int GATEWAY_REPLICAS = 2;

    /**
     * How long a stopping pod keeps serving while /readyz says it is draining (SHUTDOWN_DRAIN), so
     * that endpoints drop it before its listener closes; message handlers busy at SIGTERM get as
     * long to finish before their context is cancelled.
     */
    static final Duration SHUTDOWN_DRAIN = Duration.ofSeconds(5);

    /** How long requests in flight after the drain may take (SHUTDOWN_TIMEOUT, the programs' default). */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(15);

    /**
     * How long one message handler may run (HANDLER_TIMEOUT, the services' default): one that
     * ignores its context at shutdown is cut off only then.
     */
    static final Duration HANDLER_TIMEOUT = Duration.ofSeconds(30);

    /** How long past its timeout a handler may take to return before it is cut off: events.CutOffGrace. */
    static final Duration HANDLER_CUT_OFF_GRACE = Duration.ofSeconds(1);

    /** Room after the last request and message for closing connections and flushing traces. */
    static final Duration EXIT_MARGIN = Duration.ofSeconds(5);

    /** A file name kustomize keeps for itself: a node with this id would overwrite it. */
    static final String KUSTOMIZATION = "kustomization";

    /**
     * What a service's gRPC Service is called: its id and this suffix. That Service is headless, so its
     * name resolves to every ready pod and the callers spread their calls over them (decision 0022).
     */
    static final String GRPC_SERVICE_SUFFIX = "-grpc";

    /** The longest name Kubernetes gives a Service (a DNS label). */
    static final int MAX_SERVICE_NAME = 63;

    /** The user services log in as where the server lets us name one (MySQL, RabbitMQ): never its superuser. */
    static final String APP_USER = "app";

    /** One setting of a workload's ConfigMap; the value is already a YAML double-quoted string. */
    record Setting(String name, String valueQuoted) {
    }

    /** A variable a container takes from a Secret, under the same key. */
    record SecretSetting(String name, String secret) {
    }

    /**
     * A service or gateway: Deployment, Service, ConfigMap, HorizontalPodAutoscaler,
     * PodDisruptionBudget and NetworkPolicy. {@code command} is set for gateways, whose one image
     * holds every gateway binary. {@code allowedFrom} lists the callers drawn in the design;
     * {@code open} workloads (gateways) accept traffic from anywhere. A service a grpc edge points
     * at also listens on {@code grpcPort}, reached through the headless Service {@code grpcService}.
     * Every workload serves {@code /metrics} on {@code metricsPort}, a container port the pods announce
     * to Prometheus and no Service lists. A service with a SQLite database mounts its claim at
     * {@code sqliteDir}.
     */
    record Workload(String id, String component, String image, boolean hasCommand, String command, int port,
            int metricsPort, int replicas, int maxReplicas, List<Setting> config, List<SecretSetting> secretEnv,
            boolean hasSecretEnv, boolean open, List<String> allowedFrom, boolean hasAllowedFrom, boolean grpc,
            int grpcPort, String grpcService, boolean hasSqlite, String sqlite, String sqliteDir, Shutdown shutdown) {
    }

    /**
     * How a workload stops, from the settings its ConfigMap gives it. On SIGTERM the HTTP (and
     * gRPC) servers report draining for {@code drain}, then give requests in flight up to
     * {@code timeout}. Meanwhile consumers take no more messages: handlers busy get the drain to
     * finish before their context is cancelled, and one that ignores it is cut off at its
     * {@code handlerTimeout} (plus the cut-off grace) from when it started, before SIGTERM. The
     * two run side by side, so the pod is done after the longer of them; the grace period adds
     * a margin for closing connections and flushing traces. A workload without consumers has no
     * handler timeout.
     */
    record Shutdown(Duration drain, Duration timeout, Optional<Duration> handlerTimeout) {
        long gracePeriodSeconds() {
            Duration servers = drain.plus(timeout);
            Duration consumers = handlerTimeout.map(h -> h.plus(HANDLER_CUT_OFF_GRACE)).orElse(Duration.ZERO);
            Duration longest = servers.compareTo(consumers) >= 0 ? servers : consumers;
            return ceilSeconds(longest.plus(EXIT_MARGIN));
        }

        /** The ConfigMap entries the program reads these from. */
        List<Setting> settings() {
            List<Setting> settings = new ArrayList<>(List.of(new Setting("SHUTDOWN_DRAIN", quote(goDuration(drain))),
                    new Setting("SHUTDOWN_TIMEOUT", quote(goDuration(timeout)))));
            handlerTimeout.ifPresent(h -> settings.add(new Setting("HANDLER_TIMEOUT", quote(goDuration(h)))));
            return settings;
        }

        /** Whether the workload runs message handlers, whose timeout the grace period covers. */
        public boolean hasHandlerTimeout() {
            return handlerTimeout.isPresent();
        }

        /** The template's value: the grace period Kubernetes gives a stopping pod. */
        public long terminationGracePeriodSeconds() {
            return gracePeriodSeconds();
        }

        private static long ceilSeconds(Duration d) {
            return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        }
    }

    /** A duration as Go's time.ParseDuration reads it: whole seconds as "15s", else milliseconds. */
    static String goDuration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /**
     * A server of the infrastructure run in the cluster for development, one flag per engine for the
     * template to choose its container by. {@code stateful} servers keep data on a volume claim
     * (StatefulSet); caches keep nothing and run as Deployments. {@code secret} is set for the
     * engines that take a password, {@code user} for those that log users in.
     */
    record InfraWorkload(String id, String component, String engine, int port, String portName, boolean nats,
            boolean redis, boolean postgres, boolean rabbitmq, boolean kafka, boolean memcached, boolean mysql,
            boolean stateful, String dbName, String secret, String user, String memoryRequest, String memoryLimit,
            String storageLimit, List<String> allowedFrom, boolean hasAllowedFrom) {
    }

    /** A SQLite database: no server, a volume claim the services using it mount at {@code mountPath}. */
    record SqliteDatabase(String id, String mountPath, List<String> usedBy) {
    }

    static KubernetesView of(SystemView system) {
        List<Workload> workloads = new ArrayList<>();
        for (ServiceView s : system.services()) {
            List<Setting> config = new ArrayList<>();
            config.add(new Setting("PORT", quote(String.valueOf(s.port()))));
            config.add(new Setting("METRICS_PORT", quote(String.valueOf(s.metricsPort()))));
            Shutdown shutdown = new Shutdown(SHUTDOWN_DRAIN, SHUTDOWN_TIMEOUT,
                    s.hasSubscribes() ? Optional.of(HANDLER_TIMEOUT) : Optional.empty());
            config.addAll(shutdown.settings());
            for (ClientView c : s.clients()) {
                config.add(new Setting(c.envVar(), quote("http://" + c.target() + ":" + c.targetPort())));
            }
            for (GrpcView.ClientView c : s.grpc().clients()) {
                config.add(new Setting(c.envVar(), quote(grpcService(c.target()) + ":" + c.api().port())));
            }
            // Where each server answers, whatever its engine; a URL with a password in it comes from its Secret.
            s.connections().stream().filter(c -> !c.secret())
                    .forEach(c -> config.add(new Setting(c.envVar(), c.valueQuoted())));
            List<SecretSetting> secretEnv = s.connections().stream().filter(ConnectionView::secret)
                    .map(c -> new SecretSetting(c.envVar(), secretName(c.node()))).toList();
            boolean sqlite = s.hasDatabase() && s.database().sqlite();
            List<String> callers = callers(system, s.id());
            workloads.add(new Workload(s.id(), "service", system.name() + "/" + s.id(), false, "", s.port(),
                    s.metricsPort(), s.replicas(), maxReplicas(s.replicas()), distinctSettings(config), secretEnv,
                    !secretEnv.isEmpty(), false, callers, !callers.isEmpty(), s.grpc().serves(), s.grpc().api().port(),
                    grpcService(s.id()), sqlite, sqlite ? s.database().id() : "", sqlite ? sqliteDir(s.database().id()) : "",
                    shutdown));
        }
        for (GatewayView g : system.gateways()) {
            List<Setting> config = new ArrayList<>();
            config.add(new Setting("PORT", quote(String.valueOf(g.port()))));
            config.add(new Setting("METRICS_PORT", quote(String.valueOf(g.metricsPort()))));
            Shutdown shutdown = new Shutdown(SHUTDOWN_DRAIN, SHUTDOWN_TIMEOUT, Optional.empty());
            config.addAll(shutdown.settings());
            for (RouteView r : g.routes()) {
                config.add(new Setting(r.envVar(), quote("http://" + r.target() + ":" + r.targetPort())));
            }
            workloads.add(new Workload(g.id(), "gateway", gatewayImage(system), true, quote("/" + g.id()), g.port(),
                    g.metricsPort(), GATEWAY_REPLICAS, maxReplicas(GATEWAY_REPLICAS), distinctSettings(config),
                    List.of(), false, true, List.of(), false, false, 0, "", false, "", "", shutdown));
        }
        workloads.sort(Comparator.comparing(Workload::id));
        List<InfraWorkload> infra = new ArrayList<>();
        List<CredentialsSecret> secrets = new ArrayList<>();
        for (InfraView i : system.infra().stream().filter(InfraView::server).toList()) {
            Engine engine = engine(i);
            boolean credentials = Infra.hasCredentials(engine);
            String user = switch (engine) {
                case MYSQL, RABBITMQ -> APP_USER;
                case POSTGRES -> "postgres";
                default -> "";
            };
            Sizing size = Sizing.of(engine);
            List<String> callers = callers(system, i.id());
            infra.add(new InfraWorkload(i.id(), i.kind(), i.engine(), i.port(), portName(engine), i.nats(), i.redis(),
                    i.postgres(), i.rabbitmq(), i.kafka(), i.memcached(), i.mysql(), engine.kind() != NodeKind.CACHE,
                    i.dbName(), credentials ? secretName(i.id()) : "", user, size.memoryRequest(), size.memoryLimit(),
                    size.storageLimit(), callers, !callers.isEmpty()));
            if (credentials) {
                secrets.add(new CredentialsSecret(secretName(i.id()), i.id(), i.port(), i.dbName(), user, i.postgres(),
                        i.mysql(), i.rabbitmq()));
            }
        }
        List<SqliteDatabase> sqlite = system.infra().stream().filter(InfraView::sqlite)
                .map(i -> new SqliteDatabase(i.id(), sqliteDir(i.id()), system.services().stream()
                        .filter(s -> s.hasDatabase() && s.database().id().equals(i.id())).map(ServiceView::id).toList()))
                .toList();
        List<String> images = workloads.stream().map(Workload::image).distinct().sorted().toList();
        List<String> baseFiles = Stream.of(workloads.stream().map(Workload::id), infra.stream().map(InfraWorkload::id),
                sqlite.stream().map(SqliteDatabase::id)).flatMap(ids -> ids).sorted().map(id -> id + ".yaml").toList();
        return new KubernetesView(system.name(), LOCAL_TAG, List.copyOf(workloads), List.copyOf(infra), sqlite,
                !sqlite.isEmpty(), images, List.copyOf(secrets), baseFiles, !secrets.isEmpty());
    }

    /**
     * Why the system's Services could not all exist, if they could not: a gRPC Service's name that
     * another node's Service already has, or that is longer than Kubernetes allows.
     */
    Optional<String> serviceNameProblem() {
        Set<String> taken = new TreeSet<>();
        workloads.forEach(w -> taken.add(w.id()));
        infra.forEach(i -> taken.add(i.id()));
        for (Workload w : workloads.stream().filter(Workload::grpc).toList()) {
            if (w.grpcService().length() > MAX_SERVICE_NAME) {
                return Optional.of(w.id() + "'s gRPC Service would be named " + w.grpcService() + ", longer than the "
                        + MAX_SERVICE_NAME + " characters Kubernetes allows; shorten the id to at most "
                        + (MAX_SERVICE_NAME - GRPC_SERVICE_SUFFIX.length()) + " characters");
            }
            if (taken.contains(w.grpcService())) {
                return Optional.of("a node named \"" + w.grpcService() + "\" would take the name of " + w.id()
                        + "'s gRPC Service in Kubernetes; rename one of them");
            }
        }
        return Optional.empty();
    }

    /** The headless Service in front of the gRPC port of service {@code id}. */
    static String grpcService(String id) {
        return id + GRPC_SERVICE_SUFFIX;
    }

    /**
     * Memory and scratch space for one engine's container. The JVM (Kafka), the Erlang VM (RabbitMQ)
     * and MySQL need more room than the rest; Kafka also writes its log files to scratch space.
     */
    private record Sizing(String memoryRequest, String memoryLimit, String storageLimit) {
        static Sizing of(Engine engine) {
            return switch (engine) {
                case KAFKA -> new Sizing("512Mi", "1Gi", "512Mi");
                case MYSQL -> new Sizing("512Mi", "1Gi", "128Mi");
                case RABBITMQ -> new Sizing("256Mi", "1Gi", "128Mi");
                case NATS, REDIS, MEMCACHED, POSTGRES, SQLITE -> new Sizing("128Mi", "512Mi", "128Mi");
            };
        }
    }

    private static Engine engine(InfraView i) {
        return Arrays.stream(Engine.values()).filter(e -> e.json().equals(i.engine())).findFirst().orElseThrow();
    }

    /** The name of the port a server listens on, in its Service, container and network policy. */
    private static String portName(Engine engine) {
        return engine == Engine.RABBITMQ ? "amqp" : engine.json();
    }

    /** Where a service finds its SQLite file inside the container: the folder of its DATABASE_URL. */
    private static String sqliteDir(String databaseId) {
        String file = Infra.containerUrl(Engine.SQLITE, databaseId);
        return file.substring(0, file.lastIndexOf('/'));
    }

    /** Who may open connections to {@code id}: every service and gateway the design draws calling or using it. */
    private static List<String> callers(SystemView system, String id) {
        TreeSet<String> callers = new TreeSet<>();
        system.services().stream().filter(s -> s.dependsOn().contains(id)).forEach(s -> callers.add(s.id()));
        system.gateways().stream().filter(g -> g.dependsOn().contains(id)).forEach(g -> callers.add(g.id()));
        return List.copyOf(callers);
    }

    /** Room to grow under load without letting one busy service take the cluster. */
    private static int maxReplicas(int replicas) {
        return Math.max(3, replicas * 2);
    }

    private static String secretName(String nodeId) {
        return nodeId + "-credentials";
    }

    private static String gatewayImage(SystemView system) {
        return system.name() + "/gateway";
    }

    /** Two gateway routes to one service share its variable, and a ConfigMap key may appear once. */
    private static List<Setting> distinctSettings(List<Setting> settings) {
        TreeSet<String> seen = new TreeSet<>();
        return settings.stream().filter(s -> seen.add(s.name())).toList();
    }

    /** A YAML double-quoted scalar (JSON string syntax, which YAML accepts as is). */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
