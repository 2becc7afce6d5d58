package dev.topograph.model.generate;

import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Framework;
import dev.topograph.model.topology.Endpoint;
import dev.topograph.model.topology.Engine;
import dev.topograph.model.topology.GatewayNode;
import dev.topograph.model.topology.InfraNode;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.TopologyGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The view model of a generated system: everything the templates print, prepared here — names,
 * quoted strings, ports, flags — so that templates hold only loops and conditionals.
 * Lists are sorted by id so output is deterministic whatever the drawing order.
 */
public record SystemView(
        String name,
        String module,
        String platformModule,
        List<ServiceView> services,
        List<GatewayView> gateways,
        List<InfraView> infra,
        boolean hasGateways,
        boolean hasFileStores) {

    /** Ports above this offset serve pprof on localhost: service port + offset. */
    public static final int ADMIN_PORT_OFFSET = 10000;

    /**
     * Ports above this offset serve {@code /metrics}, and nothing else, on every interface: service
     * port + offset. Scrapers reach it; clients, gateways and published ports never do.
     */
    public static final int METRICS_PORT_OFFSET = 20000;

    /** Whether any service serves gRPC (a grpc edge points at it). */
    public boolean hasGrpc() {
        return services.stream().anyMatch(s -> s.grpc().serves());
    }

    /** The gateway the shared gateway image starts unless told otherwise (the first by id); empty without one. */
    public String defaultGateway() {
        return gateways.isEmpty() ? "" : gateways.get(0).id();
    }

    /** One HTTP endpoint of a service, with the names its handler gets. */
    public record EndpointView(String method, String path, String pattern, String routerPath, String handler,
            String fileName, String collection, List<ParamView> params, boolean get, boolean post, boolean put,
            boolean patch, boolean delete, boolean item, String summary, String operationId, String clientMethod,
            String pathExpr, String paramList, String routeQuoted, String methodQuoted, boolean hasBody,
            String keyExpr, String operationKey, String summaryQuoted) {
    }

    /** One path of the OpenAPI document with its operations. */
    public record ApiPathView(String routeQuoted, List<EndpointView> operations) {
    }

    /** A path wildcard: its name in the path and a safe Go identifier for it. */
    public record ParamView(String name, String nameQuoted, String goName) {
    }

    /** An outgoing synchronous call to another service. */
    public record ClientView(String target, String type, String field, String envVar, String envVarQuoted,
            String defaultUrl, String targetQuoted, String fileName, List<EndpointView> endpoints,
            boolean hasProbe, String probeMethod, boolean usesPathParams, int targetPort) {
    }

    /** A topic this service publishes or consumes on a queue. */
    public record TopicView(String queue, String topic, String topicQuoted, String field, String consumerQuoted,
            String handler, String streamVar, String queueQuoted) {
    }

    /**
     * The handler of one subscribed topic: a function of the user's in its own file, bound by the
     * generated {@code handlers.Consumers} whose field is {@code field}.
     */
    public record ConsumerView(String topic, String topicQuoted, String field, String function, String fileName) {
    }

    /**
     * A queue node with every topic any service uses on it (a JetStream stream, a RabbitMQ exchange,
     * or a set of Kafka topics), and which engine serves it.
     */
    public record StreamView(String queue, String deadLetterQuoted, String varName, String queueQuoted,
            String subjectsLiteral, String engine, boolean nats, boolean rabbitmq, boolean kafka) {
    }

    /** A data store a service owns, with one flag per engine for the templates to choose code by. */
    public record StoreView(String id, String engine, String envVar, String defaultUrlQuoted, String nameQuoted,
            String dbName, String envVarQuoted, boolean postgres, boolean mysql, boolean sqlite, boolean redis,
            boolean memcached) {
    }

    /**
     * How a service reaches one server of its design: the variable it reads and its value where
     * the node answers at its id (compose, Kubernetes). {@code secret}: where the node has a password
     * (Kubernetes), the whole value, credentials included, comes from a Secret.
     */
    public record ConnectionView(String envVar, String node, String engine, String valueQuoted, boolean secret) {
    }

    public record ServiceView(String id, String idQuoted, String module, String packageName, int port, int metricsPort,
            int adminPort, int replicas, boolean nethttp, boolean gin, boolean echo, List<EndpointView> endpoints,
            List<ClientView> clients, List<TopicView> publishes, List<TopicView> subscribes, List<StreamView> streams,
            StoreView database, StoreView cache, boolean hasDatabase, boolean hasCache, boolean hasNats,
            boolean hasPublishes, boolean hasSubscribes, boolean hasClients, String contextName,
            List<String> dependsOn, boolean callsDependencies, List<ApiPathView> apiPaths, boolean hasDependsOn,
            GrpcView grpc, boolean hasQueues, boolean hasRabbitmq, boolean hasKafka,
            List<ConnectionView> connections, List<String> publishedTopicsQuoted, List<ConsumerView> consumers,
            boolean hasEndpoints) {

        /**
         * Whether items and their events commit together in the service's database (its outbox),
         * published by a relay the service runs.
         */
        public boolean hasOutbox() {
            return hasDatabase && hasPublishes;
        }

        /**
         * The POST the service's own tests send twice under one Idempotency-Key: the first POST
         * without path parameters, when a unit test can expect it to succeed (no database server
         * to reach, no service to call, no broker to publish to but through an outbox). Empty,
         * or one.
         */
        public List<IdempotencyCheck> idempotencyChecks() {
            boolean needsServer = database != null && !database.sqlite();
            if (needsServer || callsDependencies || hasPublishes && !hasDatabase) {
                return List.of();
            }
            return endpoints.stream().filter(e -> e.post() && e.params().isEmpty()).findFirst()
                    .map(post -> new IdempotencyCheck(GoSyntax.quote(post.path()))).stream().toList();
        }
    }

    /** A POST sent twice under one Idempotency-Key by a generated test. */
    public record IdempotencyCheck(String pathQuoted) {
    }

    public record RouteView(String prefix, String prefixQuoted, String target, String targetQuoted, String envVar,
            String envVarQuoted, String defaultUrlQuoted, int targetPort) {
    }

    public record GatewayView(String id, String idQuoted, int port, int metricsPort, int adminPort, List<RouteView> routes,
            List<String> dependsOn) {
    }

    /**
     * A piece of infrastructure the system needs at run time. {@code server} is false for SQLite,
     * which is a file inside the service, not a server to run.
     */
    public record InfraView(String id, String kind, String engine, int port, boolean nats, boolean redis,
            boolean postgres, String dbName, boolean rabbitmq, boolean kafka, boolean memcached, boolean mysql,
            boolean sqlite, boolean server, String image) {
    }

    static SystemView of(Topology t) {
        TopologyGraph graph = new TopologyGraph(t);
        String platformModule = t.module() + "/platform";
        Map<String, StreamView> streams = streams(graph);
        List<ServiceView> services = graph.nodesOfKind(NodeKind.SERVICE).stream()
                .map(n -> (ServiceNode) n)
                .sorted(Comparator.comparing(Node::id))
                .map(s -> service(t, graph, s, streams))
                .toList();
        List<GatewayView> gateways = graph.nodesOfKind(NodeKind.GATEWAY).stream()
                .map(n -> (GatewayNode) n)
                .sorted(Comparator.comparing(Node::id))
                .map(g -> gateway(graph, g))
                .toList();
        List<InfraView> infra = graph.nodes().stream()
                .filter(n -> n instanceof InfraNode)
                .map(n -> (InfraNode) n)
                .sorted(Comparator.comparing(Node::id))
                .map(i -> new InfraView(i.id(), i.kind().json(), i.engine().json(), Infra.port(i.engine()),
                        i.engine() == Engine.NATS, i.engine() == Engine.REDIS, i.engine() == Engine.POSTGRES,
                        Infra.dbName(i.id()), i.engine() == Engine.RABBITMQ, i.engine() == Engine.KAFKA,
                        i.engine() == Engine.MEMCACHED, i.engine() == Engine.MYSQL, i.engine() == Engine.SQLITE,
                        Infra.isServer(i.engine()), Infra.image(i.engine())))
                .toList();
        checkGrpcPorts(graph, services);
        return new SystemView(t.name(), t.module(), platformModule, services, gateways, infra, !gateways.isEmpty(),
                infra.stream().anyMatch(InfraView::sqlite));
    }

    private static ServiceView service(Topology t, TopologyGraph graph, ServiceNode s, Map<String, StreamView> streams) {
        List<EndpointView> endpoints = endpoints(s);
        List<ClientView> clients = graph.outgoing(s.id(), EdgeKind.HTTP).stream()
                .map(Edge::to).distinct().sorted()
                .map(target -> {
                    Node callee = graph.node(target).orElseThrow();
                    int port = callee.listenPort().orElse(80);
                    List<EndpointView> calleeEndpoints = callee instanceof ServiceNode cs ? endpoints(cs) : List.of();
                    String probe = calleeEndpoints.stream().filter(ep -> ep.get() && !ep.item())
                            .map(EndpointView::clientMethod).findFirst().orElse("");
                    return new ClientView(target, GoSyntax.exported(target) + "Client", GoSyntax.exported(target),
                            GoSyntax.envName(target) + "_URL", GoSyntax.quote(GoSyntax.envName(target) + "_URL"),
                            GoSyntax.quote("http://127.0.0.1:" + port), GoSyntax.quote(target), target + ".go",
                            calleeEndpoints, !probe.isEmpty(), probe, calleeEndpoints.stream().anyMatch(EndpointView::item),
                            port);
                })
                .toList();
        List<TopicView> publishes = graph.outgoing(s.id(), EdgeKind.PUBLISH).stream()
                .map(e -> topic(e.to(), TopologyGraph.topicOf(e), s.id()))
                .distinct().sorted(Comparator.comparing(TopicView::topic).thenComparing(TopicView::queue)).toList();
        List<TopicView> subscribes = graph.incoming(s.id(), EdgeKind.SUBSCRIBE).stream()
                .map(e -> topic(e.from(), TopologyGraph.topicOf(e), s.id()))
                .distinct().sorted(Comparator.comparing(TopicView::topic).thenComparing(TopicView::queue)).toList();
        Set<String> queues = new LinkedHashSet<>();
        publishes.forEach(p -> queues.add(p.queue()));
        subscribes.forEach(p -> queues.add(p.queue()));
        List<StreamView> myStreams = queues.stream().sorted().map(streams::get).toList();
        StoreView database = store(graph, s, EdgeKind.DB);
        StoreView cache = store(graph, s, EdgeKind.CACHE);
        List<String> dependsOn = new ArrayList<>();
        graph.outgoing(s.id()).stream().filter(graph::isWellFormed).map(Edge::to)
                .filter(id -> !(graph.node(id).orElseThrow() instanceof InfraNode i) || Infra.isServer(i.engine()))
                .forEach(dependsOn::add);
        subscribes.forEach(sub -> dependsOn.add(sub.queue()));
        List<ConnectionView> connections = connections(graph, myStreams, database, cache);
        String contextName = s.context().flatMap(t::context).map(c -> c.name()).orElse("");
        GrpcView grpc = grpc(t, graph, s, endpoints);
        return new ServiceView(s.id(), GoSyntax.quote(s.id()), t.module() + "/services/" + s.id(),
                GoSyntax.packageName(s.id()), s.port(), metricsPort(s.port()), adminPort(s.port()), s.replicas(),
                s.framework() == Framework.NETHTTP, s.framework() == Framework.GIN, s.framework() == Framework.ECHO,
                endpoints, clients, publishes, subscribes,
                myStreams, database, cache, database != null, cache != null, myStreams.stream().anyMatch(StreamView::nats),
                !publishes.isEmpty(), !subscribes.isEmpty(), !clients.isEmpty() || grpc.hasClients(), contextName,
                dependsOn.stream().distinct().sorted().toList(),
                clients.stream().anyMatch(ClientView::hasProbe) || grpc.clients().stream().anyMatch(GrpcView.ClientView::hasProbe),
                apiPaths(endpoints), !dependsOn.isEmpty(), grpc,
                !myStreams.isEmpty(), myStreams.stream().anyMatch(StreamView::rabbitmq),
                myStreams.stream().anyMatch(StreamView::kafka), connections,
                publishes.stream().map(TopicView::topicQuoted).distinct().toList(), consumers(subscribes),
                !endpoints.isEmpty());
    }

    /** One handler per subscribed topic, however many queues deliver it. */
    private static List<ConsumerView> consumers(List<TopicView> subscribes) {
        Map<String, ConsumerView> byField = new java.util.TreeMap<>();
        for (TopicView t : subscribes) {
            byField.putIfAbsent(t.handler(), new ConsumerView(t.topic(), t.topicQuoted(), t.handler(), "On" + t.handler(),
                    "on_" + snake(t.handler()) + ".go"));
        }
        return List.copyOf(byField.values());
    }

    /**
     * One variable per engine the service uses. A service reaches all its queues of one engine
     * through one connection, to the first such queue by id, as it does its one database and cache.
     */
    private static List<ConnectionView> connections(TopologyGraph graph, List<StreamView> streams, StoreView database,
            StoreView cache) {
        Map<String, ConnectionView> byVar = new LinkedHashMap<>();
        for (StoreView store : java.util.Arrays.asList(database, cache)) {
            if (store != null) {
                Engine engine = ((InfraNode) graph.node(store.id()).orElseThrow()).engine();
                byVar.put(store.envVar(), new ConnectionView(store.envVar(), store.id(), store.engine(),
                        GoSyntax.yamlQuote(Infra.containerUrl(engine, store.id())), Infra.hasCredentials(engine)));
            }
        }
        for (StreamView q : streams) {
            Engine engine = ((InfraNode) graph.node(q.queue()).orElseThrow()).engine();
            byVar.putIfAbsent(Infra.envVar(engine), new ConnectionView(Infra.envVar(engine), q.queue(), engine.json(),
                    GoSyntax.yamlQuote(Infra.containerUrl(engine, q.queue())), Infra.hasCredentials(engine)));
        }
        return List.copyOf(byVar.values());
    }

    /** A gRPC port must be one no other server of the system listens on, or the system could not start. */
    private static void checkGrpcPorts(TopologyGraph graph, List<ServiceView> services) {
        Map<Integer, String> taken = new java.util.HashMap<>();
        for (Node n : graph.nodes()) {
            n.listenPort().ifPresent(port -> {
                taken.putIfAbsent(port, n.id());
                taken.putIfAbsent(adminPort(port), n.id() + "'s admin server");
                taken.putIfAbsent(metricsPort(port), n.id() + "'s metrics server");
            });
        }
        for (ServiceView s : services) {
            int port = s.grpc().api().port();
            String other = s.grpc().serves() ? taken.putIfAbsent(port, s.id()) : null;
            if (other != null) {
                throw new IllegalArgumentException(s.id() + " would serve gRPC on port " + port + " (its port + "
                        + GrpcView.PORT_OFFSET + "), where " + other + " listens; give one of them another port");
            }
        }
    }

    /** The gRPC API the service serves when a grpc edge points at it, and a client per grpc edge it draws. */
    private static GrpcView grpc(Topology t, TopologyGraph graph, ServiceNode s, List<EndpointView> endpoints) {
        boolean serves = !graph.incoming(s.id(), EdgeKind.GRPC).isEmpty();
        List<GrpcView.ClientView> clients = graph.outgoing(s.id(), EdgeKind.GRPC).stream()
                .map(Edge::to).distinct().sorted()
                .map(target -> (ServiceNode) graph.node(target).orElseThrow())
                .map(callee -> GrpcView.client(GrpcView.api(t.module(), callee.id(), callee.port(), endpoints(callee))))
                .toList();
        Set<String> generateDirs = new java.util.TreeSet<>();
        if (serves) {
            generateDirs.add(s.id());
        }
        clients.forEach(c -> generateDirs.add(c.target()));
        Set<String> reached = new java.util.TreeSet<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(s.id()));
        while (!todo.isEmpty()) {
            graph.outgoing(todo.pop(), EdgeKind.GRPC).stream().map(Edge::to)
                    .filter(callee -> !callee.equals(s.id()) && reached.add(callee)).forEach(todo::add);
        }
        List<GrpcView.ModuleView> modules = reached.stream()
                .map(callee -> new GrpcView.ModuleView(callee, t.module() + "/services/" + callee)).toList();
        return new GrpcView(serves, GrpcView.api(t.module(), s.id(), s.port(), endpoints), clients, !clients.isEmpty(),
                modules, List.copyOf(generateDirs));
    }

    private static List<ApiPathView> apiPaths(List<EndpointView> endpoints) {
        Map<String, List<EndpointView>> byPath = new LinkedHashMap<>();
        endpoints.forEach(ep -> byPath.computeIfAbsent(ep.routeQuoted(), k -> new ArrayList<>()).add(ep));
        return byPath.entrySet().stream().map(e -> new ApiPathView(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    private static StoreView store(TopologyGraph graph, ServiceNode s, EdgeKind kind) {
        return graph.outgoing(s.id(), kind).stream().map(Edge::to).sorted().findFirst()
                .flatMap(graph::node).map(n -> (InfraNode) n)
                .map(n -> new StoreView(n.id(), n.engine().json(), Infra.envVar(n.engine()),
                        GoSyntax.quote(Infra.localUrl(n.engine(), n.id())), GoSyntax.quote(n.id()), Infra.dbName(n.id()),
                        GoSyntax.quote(Infra.envVar(n.engine())), n.engine() == Engine.POSTGRES,
                        n.engine() == Engine.MYSQL, n.engine() == Engine.SQLITE, n.engine() == Engine.REDIS,
                        n.engine() == Engine.MEMCACHED))
                .orElse(null);
    }

    private static TopicView topic(String queue, String topic, String serviceId) {
        return new TopicView(queue, topic, GoSyntax.quote(topic),
                GoSyntax.exported(queue) + GoSyntax.exported(topic.replace('.', '-').replace('_', '-').toLowerCase()),
                GoSyntax.quote(serviceId + "-" + topic.replace('.', '-')),
                GoSyntax.exported(topic.replace('.', '-').replace('_', '-').toLowerCase()),
                GoSyntax.unexported(queue) + "Queue", GoSyntax.quote(queue));
    }

    private static Map<String, StreamView> streams(TopologyGraph graph) {
        Map<String, StreamView> streams = new LinkedHashMap<>();
        for (Node node : graph.nodesOfKind(NodeKind.QUEUE)) {
            InfraNode q = (InfraNode) node;
            Set<String> subjects = new java.util.TreeSet<>();
            graph.incoming(q.id(), EdgeKind.PUBLISH).forEach(e -> subjects.add(TopologyGraph.topicOf(e)));
            graph.outgoing(q.id(), EdgeKind.SUBSCRIBE).forEach(e -> subjects.add(TopologyGraph.topicOf(e)));
            streams.put(q.id(), new StreamView(q.id(), GoSyntax.quote("dlq." + q.id()),
                    GoSyntax.unexported(q.id()) + "Queue", GoSyntax.quote(q.id()),
                    "[]string{" + String.join(", ", subjects.stream().map(GoSyntax::quote).toList()) + "}",
                    q.engine().json(), q.engine() == Engine.NATS, q.engine() == Engine.RABBITMQ,
                    q.engine() == Engine.KAFKA));
        }
        return streams;
    }

    private static GatewayView gateway(TopologyGraph graph, GatewayNode g) {
        List<RouteView> routes = graph.syncCalls(g.id()).stream()
                .filter(e -> e.route().isPresent())
                .sorted(Comparator.comparing((Edge e) -> e.route().get().length()).reversed()
                        .thenComparing(e -> e.route().get()))
                .map(e -> {
                    int port = graph.node(e.to()).flatMap(Node::listenPort).orElse(80);
                    return new RouteView(e.route().get(), GoSyntax.quote(e.route().get()), e.to(), GoSyntax.quote(e.to()),
                            GoSyntax.envName(e.to()) + "_URL", GoSyntax.quote(GoSyntax.envName(e.to()) + "_URL"),
                            GoSyntax.quote("http://127.0.0.1:" + port), port);
                })
                .toList();
        return new GatewayView(g.id(), GoSyntax.quote(g.id()), g.port(), metricsPort(g.port()), adminPort(g.port()), routes,
                routes.stream().map(RouteView::target).distinct().sorted().toList());
    }

    static int adminPort(int port) {
        return port + ADMIN_PORT_OFFSET <= 65535 ? port + ADMIN_PORT_OFFSET : port - ADMIN_PORT_OFFSET;
    }

    static int metricsPort(int port) {
        return port + METRICS_PORT_OFFSET <= 65535 ? port + METRICS_PORT_OFFSET : port - METRICS_PORT_OFFSET;
    }

    private static final Set<String> GO_KEYWORDS = Set.of("break", "case", "chan", "const", "continue", "default",
            "defer", "else", "fallthrough", "for", "func", "go", "goto", "if", "import", "interface", "map", "package",
            "range", "return", "select", "struct", "switch", "type", "var", "ctx", "body", "out", "c", "w", "r", "deps",
            "err", "resp", "payload");

    private static List<EndpointView> endpoints(ServiceNode s) {
        List<EndpointView> views = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (Endpoint ep : s.endpoints()) {
            List<ParamView> params = new ArrayList<>();
            Set<String> goNames = new java.util.HashSet<>();
            StringBuilder name = new StringBuilder(capitalize(ep.method().toLowerCase()));
            StringBuilder router = new StringBuilder();
            List<String> pathParts = new ArrayList<>();
            StringBuilder literal = new StringBuilder();
            String collection = "";
            for (String segment : ep.path().split("/")) {
                if (segment.isEmpty()) {
                    continue;
                }
                literal.append('/');
                if (segment.startsWith("{")) {
                    String param = segment.substring(1, segment.length() - 1);
                    String exportedName = identifier(param);
                    String goName = exportedName.equals(exportedName.toUpperCase(java.util.Locale.ROOT))
                            ? exportedName.toLowerCase(java.util.Locale.ROOT)
                            : Character.toLowerCase(exportedName.charAt(0)) + exportedName.substring(1);
                    if (GO_KEYWORDS.contains(goName)) {
                        goName = goName + "Value";
                    }
                    // {type} and {Type} are two wildcards but one Go name.
                    String firstChoice = goName;
                    for (int i = 2; !goNames.add(goName); i++) {
                        goName = firstChoice + i;
                    }
                    params.add(new ParamView(param, GoSyntax.quote(param), goName));
                    name.append("By").append(identifier(param));
                    // Gin wants one name per wildcard place among all routes ("/orders/:id" and
                    // "/orders/:orderId/lines" panic), so Gin and Echo get them by order; adapt restores
                    // the design's.
                    router.append("/:p").append(params.size());
                    pathParts.add(GoSyntax.quote(literal.toString()));
                    pathParts.add("url.PathEscape(" + goName + ")");
                    literal.setLength(0);
                } else {
                    if (collection.isEmpty()) {
                        collection = segment;
                    }
                    name.append(identifier(segment));
                    router.append('/').append(segment);
                    literal.append(segment);
                }
            }
            if (literal.length() > 0 || pathParts.isEmpty()) {
                pathParts.add(GoSyntax.quote(literal.length() == 0 ? "/" : literal.toString()));
            }
            if (collection.isEmpty()) {
                collection = "root";
                name.append("Root");
            }
            String handler = name.toString();
            for (int i = 2; !used.add(handler); i++) {
                handler = name + String.valueOf(i);
            }
            String m = ep.method();
            boolean item = !params.isEmpty();
            StringBuilder paramList = new StringBuilder();
            params.forEach(p -> paramList.append(", ").append(p.goName()).append(" string"));
            boolean hasBody = m.equals("POST") || m.equals("PUT") || m.equals("PATCH");
            views.add(new EndpointView(m, ep.path(), GoSyntax.quote(ep.pattern()),
                    GoSyntax.quote(router.length() == 0 ? "/" : router.toString()), "Handle" + handler,
                    snake(handler) + ".go", GoSyntax.quote(collection), params, m.equals("GET"), m.equals("POST"),
                    m.equals("PUT"), m.equals("PATCH"), m.equals("DELETE"), item,
                    m + " " + ep.path(), Character.toLowerCase(handler.charAt(0)) + handler.substring(1), handler,
                    String.join("+", pathParts), paramList.toString(), GoSyntax.quote(ep.path()), GoSyntax.quote(m),
                    hasBody, params.isEmpty() ? "\"\"" : "r.PathValue(" + params.get(params.size() - 1).nameQuoted() + ")",
                    m.toLowerCase(java.util.Locale.ROOT), GoSyntax.quote(m + " " + ep.path())));
        }
        views.sort(Comparator.comparing(EndpointView::path).thenComparing(EndpointView::method));
        return views;
    }

    /** Letters and digits of a path segment as a Go identifier part: {@code order_items} → {@code OrderItems}. */
    private static String identifier(String segment) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : segment.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128) {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        String s = out.toString();
        if (s.equalsIgnoreCase("id")) {
            return "ID";
        }
        return s;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z])([A-Z][a-z])", "$1_$2")
                .toLowerCase();
    }
}
