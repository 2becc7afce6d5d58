package dev.topograph.model.generate;

import dev.topograph.model.topology.Engine;
import dev.topograph.model.topology.InfraNode;
import dev.topograph.model.topology.Topology;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a launcher needs to run a generated system: every node that runs (servers of infrastructure,
 * services, gateways), where its code sits in the generated tree, which variables it reads to reach
 * the others, and an order that starts each node after everything it needs. The launcher picks real
 * addresses; {@link PlannedNode#addressAt} turns one into the value a service reads.
 */
public record LaunchPlan(String project, List<PlannedNode> nodes) {

    /** What a node is to a launcher. */
    public enum Role { INFRA, SERVICE, GATEWAY }

    /** A variable a node reads and the node whose address it holds. */
    public record Binding(String envVar, String node) {
    }

    /** The account a server made for its clients: a user and its password (letters and digits, nothing to escape). */
    public record Login(String user, String password) {

        /** The same user without its password, for what is shown and logged. */
        public Login withoutPassword() {
            return new Login(user, "");
        }

        private String userInfo() {
            return password.isEmpty() ? user : user + ":" + password;
        }
    }

    /**
     * One node that runs.
     *
     * @param metricsPort  where a program serves {@code /metrics} (its design port + 20000); 0 for infrastructure
     * @param adminPort    where a program serves pprof on localhost; 0 for infrastructure
     * @param module       the folder of its Go module in the generated tree ({@code services/orders}, {@code gateway});
     *                     empty for infrastructure
     * @param mainPackage  the package to build inside the module ({@code ./cmd/orders})
     * @param goGenerate   modules whose {@code go generate ./...} must run before this one builds (gRPC code)
     * @param database     for a database server, the database to create in it
     * @param image        for infrastructure, the public image that serves it (what compose runs)
     */
    public record PlannedNode(String id, Role role, Optional<Engine> engine, int port, int metricsPort, int adminPort,
            Optional<Integer> grpcPort, String module, String mainPackage, List<String> goGenerate,
            List<Binding> bindings, List<String> dependsOn, Optional<String> database, Optional<String> image) {

        public PlannedNode {
            goGenerate = List.copyOf(goGenerate);
            bindings = List.copyOf(bindings);
            dependsOn = List.copyOf(dependsOn);
        }

        /** Whether this node is a program built from the generated tree (a service or a gateway). */
        public boolean isProgram() {
            return role != Role.INFRA;
        }

        /** The value a reader of this node's variable needs when the node answers at {@code host:port}. */
        public String addressAt(String host, int atPort) {
            return addressAt(host, atPort, Optional.empty());
        }

        /**
         * {@link #addressAt(String, int)} with the account its server made for clients, where it made one
         * (a MySQL server's, today); without one, a database is reached as its superuser, which the local
         * servers trust on loopback.
         */
        public String addressAt(String host, int atPort, Optional<Login> login) {
            if (engine.isEmpty()) {
                return "http://" + host + ":" + atPort;
            }
            String hostPort = host + ":" + atPort;
            String db = Infra.dbName(id);
            return switch (engine.get()) {
                case NATS -> "nats://" + hostPort;
                case RABBITMQ -> "amqp://" + hostPort + "/";
                case KAFKA, REDIS, MEMCACHED -> hostPort;
                case POSTGRES -> "postgres://postgres@" + hostPort + "/" + db + "?sslmode=disable";
                case MYSQL -> login.map(Login::userInfo).orElse("root") + "@tcp(" + hostPort + ")/" + db;
                case SQLITE -> "data/" + db + ".sqlite";
            };
        }
    }

    public LaunchPlan {
        nodes = List.copyOf(nodes);
    }

    /** The plan of a design; its nodes come in an order where each follows everything it depends on. */
    public static LaunchPlan of(Topology topology) {
        SystemView view = SystemView.of(topology);
        Map<String, PlannedNode> byId = new LinkedHashMap<>();
        for (SystemView.InfraView infra : view.infra()) {
            if (!infra.server()) {
                continue;
            }
            Engine engine = topology.node(infra.id()).map(n -> ((InfraNode) n).engine()).orElseThrow();
            boolean database = engine == Engine.POSTGRES || engine == Engine.MYSQL;
            byId.put(infra.id(), new PlannedNode(infra.id(), Role.INFRA, Optional.of(engine), Infra.port(engine), 0, 0,
                    Optional.empty(), "", "", List.of(), List.of(), List.of(),
                    database ? Optional.of(infra.dbName()) : Optional.empty(), Optional.of(infra.image())));
        }
        for (SystemView.ServiceView s : view.services()) {
            List<Binding> bindings = new ArrayList<>();
            s.connections().forEach(c -> bindings.add(new Binding(c.envVar(), c.node())));
            s.clients().forEach(c -> bindings.add(new Binding(c.envVar(), c.target())));
            s.grpc().clients().forEach(c -> bindings.add(new Binding(c.envVar(), c.target())));
            List<String> dependsOn = s.dependsOn().stream().filter(runningIds(view)::contains).toList();
            byId.put(s.id(), new PlannedNode(s.id(), Role.SERVICE, Optional.empty(), s.port(), s.metricsPort(), s.adminPort(),
                    s.grpc().serves() ? Optional.of(s.grpc().api().port()) : Optional.empty(),
                    "services/" + s.id(), "./cmd/" + s.id(),
                    s.grpc().generateDirs().stream().map(d -> "services/" + d).toList(), bindings, dependsOn,
                    Optional.empty(), Optional.empty()));
        }
        for (SystemView.GatewayView g : view.gateways()) {
            List<Binding> bindings = g.routes().stream().map(r -> new Binding(r.envVar(), r.target())).distinct().toList();
            byId.put(g.id(), new PlannedNode(g.id(), Role.GATEWAY, Optional.empty(), g.port(), g.metricsPort(), g.adminPort(),
                    Optional.empty(), "gateway", "./cmd/" + g.id(), List.of(), bindings, g.dependsOn(), Optional.empty(),
                    Optional.empty()));
        }
        return new LaunchPlan(view.name(), ordered(byId));
    }

    private static Set<String> runningIds(SystemView view) {
        Set<String> runs = new HashSet<>();
        view.infra().stream().filter(SystemView.InfraView::server).forEach(i -> runs.add(i.id()));
        view.services().forEach(s -> runs.add(s.id()));
        return runs;
    }

    /** Depth-first: each node after its dependencies; a cycle (which validation reports) keeps drawing order. */
    private static List<PlannedNode> ordered(Map<String, PlannedNode> byId) {
        List<PlannedNode> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> visiting = new HashSet<>();
        for (String id : byId.keySet()) {
            visit(id, byId, done, visiting, out);
        }
        return out;
    }

    private static void visit(String id, Map<String, PlannedNode> byId, Set<String> done,
            Set<String> visiting, List<PlannedNode> out) {
        PlannedNode node = byId.get(id);
        if (node == null || done.contains(id) || !visiting.add(id)) {
            return;
        }
        node.dependsOn().forEach(d -> visit(d, byId, done, visiting, out));
        visiting.remove(id);
        done.add(id);
        out.add(node);
    }

    /** The node with this id. */
    public Optional<PlannedNode> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /**
     * The nodes in waves: every node of a wave depends only on nodes of earlier waves, so a launcher
     * starts a wave's nodes side by side.
     */
    public List<List<PlannedNode>> waves() {
        Map<String, Integer> level = new LinkedHashMap<>();
        for (PlannedNode n : nodes) {
            int l = n.dependsOn().stream().mapToInt(d -> level.getOrDefault(d, -1) + 1).max().orElse(0);
            level.put(n.id(), l);
        }
        List<List<PlannedNode>> waves = new ArrayList<>();
        for (PlannedNode n : nodes) {
            int l = level.get(n.id());
            while (waves.size() <= l) {
                waves.add(new ArrayList<>());
            }
            waves.get(l).add(n);
        }
        return waves.stream().map(List::copyOf).toList();
    }
}
