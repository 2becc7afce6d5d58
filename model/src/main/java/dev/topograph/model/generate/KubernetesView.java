package dev.topograph.model.generate;

import dev.topograph.model.generate.SystemView.ClientView;
import dev.topograph.model.generate.SystemView.GatewayView;
import dev.topograph.model.generate.SystemView.InfraView;
import dev.topograph.model.generate.SystemView.RouteView;
import dev.topograph.model.generate.SystemView.ServiceView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The view model of {@code deploy/k8s/}: one workload per service and gateway, one per piece of
 * infrastructure, and the files the kustomizations list. Derived from {@link SystemView} alone,
 * so the manifests always agree with the code they deploy.
 */
record KubernetesView(
        String namespace,
        String localTag,
        List<Workload> workloads,
        List<InfraWorkload> infra,
        List<String> images,
        List<DatabaseSecret> secrets,
        List<String> baseFiles,
        boolean hasSecrets) {

    /** The tag the local overlay gives the system's own images; the README builds them with it. */
    static final String LOCAL_TAG = "dev";

    /** Gateways are the only way in and the design gives them no count, so two copies keep the door open. */
    static final int GATEWAY_REPLICAS = 2;

    /**
     * How long a stopping pod keeps serving while /readyz says it is draining (SHUTDOWN_DRAIN), so
     * that endpoints drop it before its listener closes. With the services' 15 s shutdown timeout
     * it fits the pods' 30 s termination grace period.
     */
    static final String SHUTDOWN_DRAIN = "5s";

    /** A file name kustomize keeps for itself: a node with this id would overwrite it. */
    static final String KUSTOMIZATION = "kustomization";

    /** One setting of a workload's ConfigMap; the value is already a YAML double-quoted string. */
    record Setting(String name, String valueQuoted) {
    }

    /**
     * A service or gateway: Deployment, Service, ConfigMap, HorizontalPodAutoscaler,
     * PodDisruptionBudget and NetworkPolicy. {@code command} is set for gateways, whose one image
     * holds every gateway binary. {@code allowedFrom} lists the callers drawn in the design;
     * {@code open} workloads (gateways) accept traffic from anywhere. A service a grpc edge points
     * at also listens on {@code grpcPort}.
     */
    record Workload(String id, String component, String image, boolean hasCommand, String command, int port,
            int replicas, int maxReplicas, List<Setting> config, boolean hasDatabase, String databaseSecret,
            boolean open, List<String> allowedFrom, boolean hasAllowedFrom, boolean grpc, int grpcPort) {
    }

    /** A piece of infrastructure run in the cluster for development: NATS with JetStream, Redis or Postgres. */
    record InfraWorkload(String id, String component, String engine, int port, boolean nats, boolean redis,
            boolean postgres, String dbName, String secret, List<String> allowedFrom, boolean hasAllowedFrom) {
    }

    /** A Secret the README tells the user to create: never generated, so no password is ever written down. */
    record DatabaseSecret(String name, String database, String dbName) {
    }

    static KubernetesView of(SystemView system) {
        List<Workload> workloads = new ArrayList<>();
        for (ServiceView s : system.services()) {
            List<Setting> config = new ArrayList<>();
            config.add(new Setting("PORT", quote(String.valueOf(s.port()))));
            config.add(new Setting("SHUTDOWN_DRAIN", quote(SHUTDOWN_DRAIN)));
            for (ClientView c : s.clients()) {
                config.add(new Setting(c.envVar(), quote("http://" + c.target() + ":" + c.targetPort())));
            }
            for (GrpcView.ClientView c : s.grpc().clients()) {
                config.add(new Setting(c.envVar(), quote(c.target() + ":" + c.api().port())));
            }
            // Where each broker and cache answers, whatever its engine; the database URL comes from its Secret.
            s.connections().stream().filter(c -> !c.secret())
                    .forEach(c -> config.add(new Setting(c.envVar(), c.valueQuoted())));
            List<String> callers = callers(system, s.id());
            workloads.add(new Workload(s.id(), "service", system.name() + "/" + s.id(), false, "", s.port(),
                    s.replicas(), maxReplicas(s.replicas()), distinctSettings(config), s.hasDatabase(),
                    s.hasDatabase() ? secretName(s.database().id()) : "", false, callers, !callers.isEmpty(),
                    s.grpc().serves(), s.grpc().api().port()));
        }
        for (GatewayView g : system.gateways()) {
            List<Setting> config = new ArrayList<>();
            config.add(new Setting("PORT", quote(String.valueOf(g.port()))));
            config.add(new Setting("SHUTDOWN_DRAIN", quote(SHUTDOWN_DRAIN)));
            for (RouteView r : g.routes()) {
                config.add(new Setting(r.envVar(), quote("http://" + r.target() + ":" + r.targetPort())));
            }
            workloads.add(new Workload(g.id(), "gateway", gatewayImage(system), true, quote("/" + g.id()), g.port(),
                    GATEWAY_REPLICAS, maxReplicas(GATEWAY_REPLICAS), distinctSettings(config), false, "", true,
                    List.of(), false, false, 0));
        }
        workloads.sort(Comparator.comparing(Workload::id));
        List<InfraWorkload> infra = new ArrayList<>();
        for (InfraView i : system.infra()) {
            List<String> callers = callers(system, i.id());
            infra.add(new InfraWorkload(i.id(), i.kind(), i.engine(), i.port(), i.nats(), i.redis(), i.postgres(),
                    i.dbName(), i.postgres() ? secretName(i.id()) : "", callers, !callers.isEmpty()));
        }
        List<DatabaseSecret> secrets = system.infra().stream().filter(InfraView::postgres)
                .map(i -> new DatabaseSecret(secretName(i.id()), i.id(), i.dbName())).toList();
        List<String> images = workloads.stream().map(Workload::image).distinct().sorted().toList();
        List<String> baseFiles = Stream.concat(workloads.stream().map(Workload::id), infra.stream().map(InfraWorkload::id))
                .sorted().map(id -> id + ".yaml").toList();
        return new KubernetesView(system.name(), LOCAL_TAG, List.copyOf(workloads), List.copyOf(infra), images,
                secrets, baseFiles, !secrets.isEmpty());
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

    private static String secretName(String databaseId) {
        return databaseId + "-credentials";
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
