package dev.topograph.model.generate;

import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.generate.GeneratedFile.Ownership;
import dev.topograph.model.generate.SystemView.ClientView;
import dev.topograph.model.generate.SystemView.EndpointView;
import dev.topograph.model.generate.SystemView.GatewayView;
import dev.topograph.model.generate.SystemView.ServiceView;
import dev.topograph.model.topology.Engine;
import dev.topograph.model.topology.InfraNode;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a valid topology into the in-memory tree of a Go microservice system (DESIGN.md §4).
 * Pure: it writes nothing; {@link TreeWriter} puts the tree on disk, {@link ZipExport} in an
 * archive. The same topology always gives the same tree.
 */
public final class Generator {
    /** Engines whose client code the templates hold: every engine of DESIGN.md §2. */
    public static final Set<Engine> SUPPORTED_ENGINES = EnumSet.allOf(Engine.class);

    /** The shared Go module every service and gateway builds on, file by file. */
    static final List<String> PLATFORM_FILES = List.of(
            "platform/go.mod",
            "platform/go.sum",
            "platform/doc.go",
            "platform/config/config.go",
            "platform/config/config_test.go",
            "platform/httpx/server.go",
            "platform/httpx/middleware.go",
            "platform/httpx/encode.go",
            "platform/httpx/idempotency.go",
            "platform/httpx/idempotency_test.go",
            "platform/httpx/middleware_test.go",
            "platform/metrics/metrics.go",
            "platform/metrics/metrics_test.go",
            "platform/testports/testports.go",
            "platform/httpclient/client.go",
            "platform/httpclient/breaker.go",
            "platform/httpclient/client_test.go",
            "platform/grpcx/server.go",
            "platform/grpcx/client.go",
            "platform/grpcx/items.go",
            "platform/grpcx/grpcx_test.go",
            "platform/cmd/protobuild/main.go",
            "platform/cmd/protobuild/main_test.go",
            "platform/events/events.go",
            "platform/events/events_test.go",
            "platform/events/inbox.go",
            "platform/events/relay.go",
            "platform/events/outbox_test.go",
            "platform/events/bustest/bustest.go",
            "platform/events/natsbus/natsbus.go",
            "platform/events/natsbus/natsbus_test.go",
            "platform/events/rabbitbus/rabbitbus.go",
            "platform/events/rabbitbus/rabbitbus_test.go",
            "platform/events/kafkabus/kafkabus.go",
            "platform/events/kafkabus/kafkabus_test.go",
            "platform/idempotency/idempotency.go",
            "platform/idempotency/idempotency_test.go",
            "platform/store/items.go",
            "platform/store/announce.go",
            "platform/store/cache.go",
            "platform/store/migrate.go",
            "platform/store/store_test.go",
            "platform/store/postgresdb/postgresdb.go",
            "platform/store/postgresdb/postgresdb_test.go",
            "platform/store/postgresdb/outage_test.go",
            "platform/store/sqlstore/sqlstore.go",
            "platform/store/sqlstore/outbox.go",
            "platform/store/sqlstore/sqlstoretest/sqlstoretest.go",
            "platform/store/mysqldb/mysqldb.go",
            "platform/store/mysqldb/mysqldb_test.go",
            "platform/store/sqlitedb/sqlitedb.go",
            "platform/store/sqlitedb/sqlitedb_test.go",
            "platform/store/rediscache/rediscache.go",
            "platform/store/memcached/memcached.go",
            "platform/store/memcached/memcached_test.go",
            "platform/telemetry/tracing.go",
            "platform/telemetry/otlp.go",
            "platform/telemetry/otlp_test.go",
            "platform/telemetry/propagation_test.go",
            "platform/telemetry/telemetrytest/telemetrytest.go",
            "platform/proxy/proxy.go",
            "platform/proxy/proxy_test.go");

    private final Templates templates = new Templates();

    /**
     * The files of the system.
     *
     * @throws GenerationException when validation finds errors or the design uses what cannot be generated yet
     */
    public List<GeneratedFile> generate(Topology topology) throws GenerationException {
        List<Diagnostic> errors = new Validator().validate(topology).stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty()) {
            throw new GenerationException("the design has " + errors.size() + " error(s); fix them before generating: "
                    + errors.get(0), errors);
        }
        for (Node n : topology.nodes()) {
            if (n instanceof InfraNode infra && !SUPPORTED_ENGINES.contains(infra.engine())) {
                throw new GenerationException(n.id() + " uses " + infra.engine().json()
                        + ", which generation does not support yet; use one of "
                        + SUPPORTED_ENGINES.stream().map(Engine::json).toList());
            }
        }
        SystemView system;
        try {
            system = SystemView.of(topology);
        } catch (IllegalArgumentException unsafe) {
            throw new GenerationException(unsafe.getMessage());
        }
        List<GeneratedFile> files = new ArrayList<>();
        Map<String, Object> root = new HashMap<>();
        root.put("system", system);
        root.put("module", system.platformModule());
        root.put("platform", system.platformModule());
        KubernetesView k8s = KubernetesView.of(system);
        root.put("k8s", k8s);
        for (String path : PLATFORM_FILES) {
            files.add(render(path, path, root, Ownership.GENERATED));
        }
        for (String path : List.of("go.work", ".gitignore", "README.md", ".github/workflows/ci.yml",
                "deploy/compose.yaml", "deploy/prometheus.yml")) {
            files.add(render(path, path, root, Ownership.GENERATED));
        }
        files.addAll(kubernetes(system, k8s, root));
        for (ServiceView s : system.services()) {
            files.addAll(service(system, s));
        }
        if (system.hasGateways()) {
            files.add(render("gateway/go.mod", "gateway/go.mod", gatewayRoot(system), Ownership.GENERATED));
            files.add(render("gateway/go.sum", "gateway/go.sum", gatewayRoot(system), Ownership.GENERATED));
            files.add(render("gateway/Dockerfile", "gateway/Dockerfile", gatewayRoot(system), Ownership.GENERATED));
            for (GatewayView g : system.gateways()) {
                Map<String, Object> view = view(system, "gateway", g);
                files.add(render("gateway/cmd/__gateway__/main.go", "gateway/cmd/" + g.id() + "/main.go", view, Ownership.GENERATED));
                files.add(render("gateway/cmd/__gateway__/main_test.go", "gateway/cmd/" + g.id() + "/main_test.go", view,
                        Ownership.GENERATED));
            }
        }
        // Last: what it tests follows from the code generated above.
        root.put("platformPackages", PlatformPackages.usedBy(files, system.platformModule()));
        files.add(render("Makefile", "Makefile", root, Ownership.GENERATED));
        files.sort(Comparator.comparing(GeneratedFile::path));
        return List.copyOf(files);
    }

    private List<GeneratedFile> service(SystemView system, ServiceView s) {
        String dir = "services/" + s.id() + "/";
        String tdir = "services/__service__/";
        Map<String, Object> view = view(system, "service", s);
        view.put("module", s.module());
        List<GeneratedFile> files = new ArrayList<>();
        for (String path : List.of("go.mod", "go.sum", "Dockerfile", "api/openapi.yaml",
                "internal/server/server.go", "internal/server/routes.go", "internal/handlers/deps.go",
                "internal/handlers/helpers.go", "internal/handlers/bindings.go")) {
            files.add(render(tdir + path, dir + path, view, Ownership.GENERATED));
        }
        if (!s.nethttp()) {
            // What a router between http.ServeMux and the handlers must keep: the middleware's promises.
            files.add(render(tdir + "internal/server/routes_test.go", dir + "internal/server/routes_test.go", view,
                    Ownership.GENERATED));
        }
        files.add(render(tdir + "cmd/__service__/main.go", dir + "cmd/" + s.id() + "/main.go", view, Ownership.GENERATED));
        files.add(render(tdir + "cmd/__service__/main_test.go", dir + "cmd/" + s.id() + "/main_test.go", view,
                Ownership.GENERATED));
        for (EndpointView ep : s.endpoints()) {
            Map<String, Object> epView = new HashMap<>(view);
            epView.put("endpoint", ep);
            files.add(render(tdir + "internal/handlers/__endpoint__.go", dir + "internal/handlers/" + ep.fileName(),
                    epView, Ownership.SCAFFOLD, s.id() + "'s endpoint " + ep.summary()));
        }
        for (ClientView c : s.clients()) {
            Map<String, Object> cView = new HashMap<>(view);
            cView.put("client", c);
            files.add(render(tdir + "internal/clients/__client__.go", dir + "internal/clients/" + c.fileName(), cView,
                    Ownership.GENERATED));
        }
        if (s.hasQueues()) {
            files.add(render(tdir + "internal/events/events.go", dir + "internal/events/events.go", view, Ownership.GENERATED));
        }
        for (SystemView.ConsumerView c : s.consumers()) {
            Map<String, Object> cView = new HashMap<>(view);
            cView.put("consumer", c);
            files.add(render(tdir + "internal/handlers/__consumer__.go", dir + "internal/handlers/" + c.fileName(), cView,
                    Ownership.SCAFFOLD, s.id() + "'s subscription to " + c.topicQuoted()));
        }
        if (s.hasDatabase()) {
            // SQL for one engine: a user's version for another engine would stop the service at start-up.
            GeneratedFile sql = render(tdir + "internal/store/migrations/001_items.sql",
                    dir + "internal/store/migrations/001_items.sql", view, Ownership.SCAFFOLD,
                    "a " + s.database().engine() + " database for " + s.id());
            files.add(new GeneratedFile(sql.path(), sql.content(), sql.ownership(), sql.purpose(), true));
            files.add(render(tdir + "internal/store/migrations.go", dir + "internal/store/migrations.go", view,
                    Ownership.GENERATED));
        }
        files.addAll(grpc(s, view, dir, tdir));
        return files;
    }

    /** The gRPC API a service serves when a grpc edge points at it, and its typed gRPC clients. */
    private List<GeneratedFile> grpc(ServiceView s, Map<String, Object> view, String dir, String tdir) {
        List<GeneratedFile> files = new ArrayList<>();
        GrpcView grpc = s.grpc();
        if (grpc.serves()) {
            files.add(render(tdir + "api/__service__.proto", dir + "api/" + grpc.api().protoFile(), view,
                    Ownership.GENERATED));
            for (String path : List.of("api/generate.go", "api/.gitignore", "internal/handlers/grpc.go")) {
                files.add(render(tdir + path, dir + path, view, Ownership.GENERATED));
            }
            if (grpc.api().hasProbe()) {
                files.add(render(tdir + "cmd/__service__/grpc_test.go", dir + "cmd/" + s.id() + "/grpc_test.go", view,
                        Ownership.GENERATED));
            }
            for (GrpcView.RpcView rpc : grpc.api().rpcs()) {
                Map<String, Object> rpcView = new HashMap<>(view);
                rpcView.put("rpc", rpc);
                // Its method implements the rpc's generated messages: it cannot compile once the rpc is gone.
                GeneratedFile file = render(tdir + "internal/handlers/__rpc__.go", dir + "internal/handlers/"
                        + rpc.fileName(), rpcView, Ownership.SCAFFOLD, s.id() + "'s gRPC method " + rpc.name());
                files.add(new GeneratedFile(file.path(), file.content(), file.ownership(), file.purpose(), true));
            }
        }
        for (GrpcView.ClientView c : grpc.clients()) {
            Map<String, Object> cView = new HashMap<>(view);
            cView.put("client", c);
            files.add(render(tdir + "internal/clients/__grpcclient__.go", dir + "internal/clients/" + c.fileName(),
                    cView, Ownership.GENERATED));
            if (c.api().hasRpcs()) {
                files.add(render(tdir + "internal/clients/__grpcclient___test.go",
                        dir + "internal/clients/" + c.testFileName(), cView, Ownership.GENERATED));
            }
        }
        return files;
    }

    /** deploy/k8s/: a kustomize base with one file per workload and SQLite volume, and the local overlay. */
    private List<GeneratedFile> kubernetes(SystemView system, KubernetesView k8s, Map<String, Object> root)
            throws GenerationException {
        if (k8s.baseFiles().contains(KubernetesView.KUSTOMIZATION + ".yaml")) {
            throw new GenerationException("a node named \"" + KubernetesView.KUSTOMIZATION
                    + "\" would overwrite deploy/k8s/base/kustomization.yaml; rename it");
        }
        Optional<String> clash = k8s.serviceNameProblem();
        if (clash.isPresent()) {
            throw new GenerationException(clash.get());
        }
        String base = "deploy/k8s/base/";
        List<GeneratedFile> files = new ArrayList<>();
        files.add(render(base + "kustomization.yaml", base + "kustomization.yaml", root, Ownership.GENERATED));
        for (KubernetesView.Workload w : k8s.workloads()) {
            files.add(render(base + "__workload__.yaml", base + w.id() + ".yaml", view(system, "workload", w),
                    Ownership.GENERATED));
        }
        for (KubernetesView.InfraWorkload i : k8s.infra()) {
            files.add(render(base + "__infra__.yaml", base + i.id() + ".yaml", view(system, "infra", i),
                    Ownership.GENERATED));
        }
        for (KubernetesView.SqliteDatabase d : k8s.sqlite()) {
            files.add(render(base + "__sqlite__.yaml", base + d.id() + ".yaml", view(system, "sqlite", d),
                    Ownership.GENERATED));
        }
        for (String path : List.of("kustomization.yaml", "namespace.yaml", "replicas.yaml")) {
            String local = "deploy/k8s/overlays/local/" + path;
            files.add(render(local, local, root, Ownership.GENERATED));
        }
        return files;
    }

    private static Map<String, Object> gatewayRoot(SystemView system) {
        Map<String, Object> view = new HashMap<>();
        view.put("system", system);
        view.put("platform", system.platformModule());
        view.put("module", system.module() + "/gateway");
        return view;
    }

    private static Map<String, Object> view(SystemView system, String key, Object value) {
        Map<String, Object> view = gatewayRoot(system);
        view.put(key, value);
        return view;
    }

    private GeneratedFile render(String template, String path, Object view, Ownership ownership) {
        return render(template, path, view, ownership, "");
    }

    private GeneratedFile render(String template, String path, Object view, Ownership ownership, String purpose) {
        return new GeneratedFile(path, templates.render(template, view), ownership, purpose);
    }

    /**
     * The design as it sits at the root of its code folder ({@code NAME.topology.json}): written
     * there when missing, never replaced silently.
     */
    public static GeneratedFile designFile(Topology topology) {
        return new GeneratedFile(designFileName(topology), new ProjectFile().write(topology), Ownership.DESIGN,
                "the design");
    }

    /** The name of a design's file in its code folder. */
    public static String designFileName(Topology topology) {
        return topology.name() + ProjectFile.SUFFIX;
    }
}
