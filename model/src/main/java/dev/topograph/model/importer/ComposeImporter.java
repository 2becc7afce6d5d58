package dev.topograph.model.importer;

import dev.topograph.model.importer.ImportFinding.Kind;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.GatewayNode;
import dev.topograph.model.topology.InfraNode;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a compose file (Compose Specification, v2 and v3 syntax) into a design. Kinds come from
 * images and builds, edges from evidence (environment values naming another service, depends_on,
 * and the {@code x-topograph} fields Topograph's own compose files carry); whatever cannot be
 * decided becomes an {@link ImportFinding}, never a guess. Reads text, not files: the caller owns I/O.
 */
public final class ComposeImporter {

    /** The extension field Topograph's generator writes for what compose cannot say (topics, routes). */
    public static final String EXTENSION = "x-topograph";

    private static final Pattern KNOWN_VERSION = Pattern.compile("[23](\\.\\d+)*");
    private static final Pattern URL = Pattern.compile(
            "^([a-zA-Z][a-zA-Z0-9+.-]*)://(?:[^@/]*@)?([A-Za-z0-9_.-]+)(?::(\\d{1,5}))?(?:[/?#].*)?$");
    private static final Pattern MYSQL_DSN = Pattern.compile("(?:^|@)tcp\\(([A-Za-z0-9_.-]+)(?::(\\d{1,5}))?\\)");
    private static final Pattern HOST_PORT = Pattern.compile("^(?=[^:]*[A-Za-z])([A-Za-z0-9_.-]+):(\\d{1,5})(?:/.*)?$");
    private static final Pattern BARE_HOST = Pattern.compile("^[A-Za-z][A-Za-z0-9_.-]*$");
    private static final Pattern ADDRESS_VAR = Pattern.compile(
            "(?i).*(HOST|HOSTNAME|ADDR|ADDRESS|SERVER|SERVERS|SERVICE|ENDPOINT|URL|URI|BROKER|BROKERS|DSN)$");
    private static final Pattern TOPIC_VAR = Pattern.compile("(?i)(.*_)?(TOPIC|TOPICS|SUBJECT|SUBJECTS)$");
    private static final Pattern SQLITE_FILE = Pattern.compile("^(?:sqlite3?:(?://)?|file:)?(/[^?]+\\.(?:sqlite3?|db))(?:\\?.*)?$");
    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[A-Za-z0-9_]+:?-([^}]*)}");
    private static final Set<String> PUBLISH_WORDS = Set.of("PUBLISH", "PUBLISHES", "PUBLISHER", "PRODUCE", "PRODUCER",
            "PUB", "OUT", "OUTPUT", "OUTBOUND", "EMIT", "SEND");
    private static final Set<String> SUBSCRIBE_WORDS = Set.of("SUBSCRIBE", "SUBSCRIBES", "SUBSCRIBER", "CONSUME",
            "CONSUMER", "SUB", "IN", "INPUT", "INBOUND", "LISTEN", "RECEIVE");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "0.0.0.0");
    private static final int FIRST_FREE_PORT = 8080;

    /** One compose service, as read. */
    private record Workload(String name, int line, Yaml.Mapping spec) {
    }

    /** One environment variable, with its line. */
    private record Env(String name, String value, int line) {
        String show() {
            return name + "=" + value;
        }
    }

    /** An address found in a value. */
    private record Reference(String host, Optional<String> scheme, Optional<Integer> port) {
    }

    /**
     * Reads compose text. {@code source} names the file in findings; {@code fallbackName} names the
     * design when the file has no top-level {@code name}.
     */
    public ImportResult read(String text, String source, String fallbackName) {
        return new Run(source).read(text, fallbackName);
    }

    /** The state of one import. */
    private static final class Run {
        private final String source;
        private final List<ImportFinding> findings = new ArrayList<>();
        private final Map<String, Workload> workloads = new LinkedHashMap<>();
        /** Every name a workload answers to (service name, hostname, container_name, aliases) → workload name. */
        private final Map<String, String> hosts = new HashMap<>();
        /** Workload name → node, for the workloads imported. */
        private final Map<String, Node> nodes = new LinkedHashMap<>();
        private final Set<String> leftOut = new HashSet<>();
        private final Set<String> ids = new HashSet<>();
        /** Named volume → the SQLite database node on it. */
        private final Map<String, Node> sqliteVolumes = new LinkedHashMap<>();
        private Set<String> namedVolumes = Set.of();
        private final Map<String, Edge> edges = new LinkedHashMap<>();
        private final Map<String, EdgeNote> notes = new LinkedHashMap<>();

        Run(String source) {
            this.source = source;
        }

        ImportResult read(String text, String fallbackName) {
            Yaml root;
            try {
                root = Yaml.parse(text);
            } catch (Yaml.SyntaxException e) {
                finding(Kind.UNREADABLE, e.line(), "", "not YAML: " + e.getMessage() + "; nothing imported");
                return result(Optional.empty());
            }
            if (!(root instanceof Yaml.Mapping top)) {
                finding(Kind.UNREADABLE, root.line(), "", "not a compose file: its top level is not a mapping; nothing imported");
                return result(Optional.empty());
            }
            top.entry("version").ifPresent(v -> {
                String version = v.value().text().orElse("");
                if (!KNOWN_VERSION.matcher(version).matches()) {
                    finding(Kind.ADJUSTED, v.line(), "version", "unknown compose version \"" + version
                            + "\": read as the Compose Specification (v2 and v3 syntax); check what was imported");
                }
            });
            Optional<Yaml.Entry> services = top.entry("services");
            if (services.isEmpty() || !(services.get().value() instanceof Yaml.Mapping serviceMap)) {
                finding(Kind.UNREADABLE, services.map(Yaml.Entry::line).orElse(top.line()), "",
                        "not a compose file: no \"services:\" mapping; nothing imported");
                return result(Optional.empty());
            }
            for (Yaml.Entry e : serviceMap.entries().values()) {
                if (e.value() instanceof Yaml.Mapping spec) {
                    workloads.put(e.key(), new Workload(e.key(), e.line(), spec));
                } else {
                    finding(Kind.UNREADABLE, e.line(), e.key(), "a service must be a mapping; left out");
                }
            }
            workloads.values().forEach(this::collectHosts);
            if (top.get("volumes").orElse(null) instanceof Yaml.Mapping volumes) {
                namedVolumes = volumes.entries().keySet();
            }
            Set<Integer> ports = new HashSet<>();
            for (Workload w : workloads.values()) {
                classify(w, ports).ifPresent(n -> nodes.put(w.name(), n));
            }
            for (Workload w : workloads.values()) {
                Node from = nodes.get(w.name());
                if (from != null && from.kind().isRunnable()) {
                    connect(w, from);
                }
            }
            String name = top.text("name").map(Run::toId).filter(Names::isId).orElse(toId(fallbackName));
            if (!Names.isId(name)) {
                name = "imported";
            }
            List<Node> all = new ArrayList<>(nodes.values());
            all.addAll(sqliteVolumes.values());
            Topology topology = new Topology(name, "example.com/" + name, List.of(), all,
                    List.copyOf(edges.values()));
            return result(Optional.of(topology));
        }

        private ImportResult result(Optional<Topology> topology) {
            return new ImportResult(topology, findings, List.copyOf(notes.values()));
        }

        private void finding(Kind kind, int line, String subject, String message) {
            findings.add(new ImportFinding(kind, source, line, subject, message));
        }

        // ---- nodes ----

        private void collectHosts(Workload w) {
            hosts.putIfAbsent(w.name().toLowerCase(Locale.ROOT), w.name());
            w.spec().text("hostname").ifPresent(h -> hosts.putIfAbsent(h.toLowerCase(Locale.ROOT), w.name()));
            w.spec().text("container_name").ifPresent(h -> hosts.putIfAbsent(h.toLowerCase(Locale.ROOT), w.name()));
            if (w.spec().get("networks").orElse(null) instanceof Yaml.Mapping networks) {
                for (Yaml.Entry net : networks.entries().values()) {
                    if (net.value() instanceof Yaml.Mapping settings
                            && settings.get("aliases").orElse(null) instanceof Yaml.Sequence aliases) {
                        aliases.items().forEach(a -> a.text()
                                .ifPresent(h -> hosts.putIfAbsent(h.toLowerCase(Locale.ROOT), w.name())));
                    }
                }
            }
        }

        private Optional<Node> classify(Workload w, Set<Integer> ports) {
            Optional<String> image = w.spec().text("image");
            Optional<Yaml> build = w.spec().get("build");
            Optional<Yaml.Mapping> extension = extension(w);
            if (image.isEmpty() && build.isEmpty()) {
                return leaveOut(w, "has neither image nor build: what runs there cannot be told");
            }
            Optional<Images.Known> known = image.flatMap(Images::classify);
            if (known.isPresent() && known.get() instanceof Images.Undrawable undrawable) {
                return leaveOut(w, "runs " + undrawable.product() + ", which no Topograph node kind or engine "
                        + "stands for: left out; draw it by hand if services depend on it");
            }
            String id = uniqueId(w);
            if (known.isPresent() && known.get() instanceof Images.Infra infra) {
                return Optional.of(new InfraNode(id, infra.engine().kind(), Optional.empty(), infra.engine(), Optional.empty()));
            }
            boolean ownGateway = build.flatMap(b -> b instanceof Yaml.Mapping m ? m.text("dockerfile") : Optional.empty())
                    .filter(d -> d.replace('\\', '/').endsWith("gateway/Dockerfile")).isPresent()
                    || extension.flatMap(x -> x.get("routes")).isPresent();
            boolean proxy = known.isPresent() && known.get() instanceof Images.Proxy;
            int port = port(w, ports);
            return Optional.of(ownGateway || proxy ? GatewayNode.of(id, port) : ServiceNode.of(id, port));
        }

        private Optional<Node> leaveOut(Workload w, String why) {
            leftOut.add(w.name());
            finding(Kind.UNCLASSIFIED, w.line(), w.name(), why);
            return Optional.empty();
        }

        private String uniqueId(Workload w) {
            return uniqueId(w.name(), w.line());
        }

        private String uniqueId(String name, int line) {
            String base = toId(name);
            if (base.isEmpty()) {
                base = "service";
            }
            String id = base;
            for (int i = 2; !ids.add(id); i++) {
                id = base + "-" + i;
            }
            if (!id.equals(name)) {
                finding(Kind.ADJUSTED, line, name, "imported as \"" + id + "\": ids are DNS labels, unique");
            }
            return id;
        }

        private static String toId(String name) {
            String id = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-+", "-")
                    .replaceAll("^-|-$", "");
            return id.length() > 63 ? id.substring(0, 63).replaceAll("-$", "") : id;
        }

        /** The port the workload listens on: its PORT variable, else its first container port, else one given and said. */
        private int port(Workload w, Set<Integer> taken) {
            Optional<Integer> found = environment(w).stream().filter(e -> e.name().equals("PORT"))
                    .map(e -> parsePort(e.value())).flatMap(Optional::stream).findFirst();
            for (String key : List.of("ports", "expose")) {
                if (found.isEmpty() && w.spec().get(key).orElse(null) instanceof Yaml.Sequence list) {
                    found = list.items().stream().map(Run::containerPort).flatMap(Optional::stream).findFirst();
                }
            }
            int port = found.orElse(FIRST_FREE_PORT);
            if (!taken.contains(port)) {
                taken.add(port);
                if (found.isEmpty()) {
                    finding(Kind.ADJUSTED, w.line(), w.name(), "no port in PORT, ports or expose: given " + port);
                }
                return port;
            }
            int free = Math.max(port, FIRST_FREE_PORT);
            while (taken.contains(free)) {
                free++;
            }
            taken.add(free);
            finding(Kind.ADJUSTED, w.line(), w.name(), (found.isPresent() ? "listens on " + port + " like another service"
                    : "no port in PORT, ports or expose") + ": given " + free + ", since a design runs every service "
                    + "on one machine and no two may share a port");
            return free;
        }

        private static Optional<Integer> containerPort(Yaml item) {
            if (item instanceof Yaml.Mapping longSyntax) {
                return longSyntax.text("target").flatMap(Run::parsePort);
            }
            return item.text().flatMap(text -> {
                String spec = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
                String last = spec.substring(spec.lastIndexOf(':') + 1);
                return parsePort(last.contains("-") ? last.substring(0, last.indexOf('-')) : last);
            });
        }

        private static Optional<Integer> parsePort(String text) {
            try {
                int port = Integer.parseInt(text.trim());
                return port >= 1 && port <= 65535 ? Optional.of(port) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        private static Optional<Yaml.Mapping> extension(Workload w) {
            return w.spec().get(EXTENSION).filter(Yaml.Mapping.class::isInstance).map(Yaml.Mapping.class::cast);
        }

        private List<Env> environment(Workload w) {
            List<Env> vars = new ArrayList<>();
            Yaml env = w.spec().get("environment").orElse(null);
            if (env instanceof Yaml.Mapping map) {
                for (Yaml.Entry e : map.entries().values()) {
                    e.value().text().ifPresent(v -> vars.add(new Env(e.key(), v, e.line())));
                }
            } else if (env instanceof Yaml.Sequence list) {
                for (Yaml item : list.items()) {
                    item.text().filter(t -> t.contains("=")).ifPresent(t -> vars.add(
                            new Env(t.substring(0, t.indexOf('=')), t.substring(t.indexOf('=') + 1), item.line())));
                }
            }
            return vars;
        }

        // ---- edges ----

        private void connect(Workload w, Node from) {
            Map<String, Integer> queuesUsed = new LinkedHashMap<>();
            List<Env> vars = environment(w);
            w.spec().entry("env_file").ifPresent(e -> finding(Kind.UNRESOLVED, e.line(), w.name(),
                    "env_file is not read: addresses in it give no edges"));
            for (Env env : vars) {
                sqlite(w, from, env);
                for (Reference ref : references(env)) {
                    resolve(w, env.line(), ref.host(), ref.scheme().isPresent() || ref.port().isPresent(), env.show())
                            .ifPresent(target -> addFromReference(w, from, target, ref, env, queuesUsed));
                }
            }
            extension(w).ifPresent(x -> fromExtension(w, from, x));
            topicsFromEnvironment(w, from, vars, queuesUsed);
            for (Map.Entry<String, Integer> dep : dependsOn(w).entrySet()) {
                resolve(w, dep.getValue(), dep.getKey(), true, "depends_on " + dep.getKey())
                        .ifPresent(target -> addFromDependency(w, from, target, dep.getValue(), queuesUsed));
            }
            queuesUsed.forEach((queue, line) -> {
                if (edges.values().stream().noneMatch(e -> e.touches(from.id()) && e.touches(queue))) {
                    finding(Kind.UNRESOLVED, line, w.name(), "uses the queue " + queue + ", but nothing names a topic "
                            + "and whether it publishes or consumes it (a *_PUBLISH_TOPIC or *_SUBSCRIBE_TOPIC variable): no edge drawn");
                }
            });
            edges.values().stream().filter(e -> e.from().equals(from.id()) && from.kind() == NodeKind.GATEWAY
                    && e.route().isEmpty()).forEach(e -> finding(Kind.UNRESOLVED,
                    notes.get(e.key()).line(), w.name(), "routes to " + e.to() + " under a path prefix the compose file "
                            + "does not say (it lives in the proxy's own configuration): set the route in the design"));
        }

        /** A SQLite file on a named volume is a database of its own, known by the volume's name. */
        private void sqlite(Workload w, Node from, Env env) {
            Matcher file = SQLITE_FILE.matcher(env.value());
            if (!file.matches() || from.kind() != NodeKind.SERVICE) {
                return;
            }
            String path = file.group(1);
            Optional<String> volume = Optional.empty();
            if (w.spec().get("volumes").orElse(null) instanceof Yaml.Sequence mounts) {
                for (Yaml mount : mounts.items()) {
                    String[] parts = mount instanceof Yaml.Mapping m
                            ? new String[] {m.text("source").orElse(""), m.text("target").orElse("")}
                            : mount.text().orElse("").split(":");
                    if (parts.length >= 2 && namedVolumes.contains(parts[0])
                            && path.startsWith(parts[1].endsWith("/") ? parts[1] : parts[1] + "/")) {
                        volume = Optional.of(parts[0]);
                    }
                }
            }
            if (volume.isEmpty()) {
                finding(Kind.UNRESOLVED, env.line(), w.name(), env.show() + ": a SQLite file on no named volume "
                        + "(it would not outlive the container): no database drawn");
                return;
            }
            Node db = sqliteVolumes.computeIfAbsent(volume.get(), v -> new InfraNode(uniqueId(v, env.line()),
                    NodeKind.DATABASE, Optional.empty(), dev.topograph.model.topology.Engine.SQLITE, Optional.empty()));
            add(w, Edge.of(from.id(), db.id(), EdgeKind.DB), env.line(), env.show());
        }

        /** The node a host names; empty, and reported when it was an address, when it names none. */
        private Optional<Node> resolve(Workload w, int line, String host, boolean isAddress, String evidence) {
            String lower = host.toLowerCase(Locale.ROOT);
            String name = hosts.get(lower);
            if (name == null) {
                if (isAddress && !LOOPBACK.contains(lower)) {
                    finding(Kind.UNRESOLVED, line, w.name(), evidence + ": " + host + " is not a service of this file "
                            + (host.contains(".") ? "(an outside system?)" : "") + ": no edge drawn");
                }
                return Optional.empty();
            }
            if (name.equals(w.name())) {
                return Optional.empty();
            }
            if (leftOut.contains(name)) {
                finding(Kind.UNRESOLVED, line, w.name(), evidence + ": points at " + name
                        + ", which was left out of the design: no edge drawn");
                return Optional.empty();
            }
            return Optional.ofNullable(nodes.get(name));
        }

        private void addFromReference(Workload w, Node from, Node target, Reference ref, Env env, Map<String, Integer> queues) {
            String evidence = env.show();
            switch (target.kind()) {
                case DATABASE -> add(w, Edge.of(from.id(), target.id(), EdgeKind.DB), env.line(), evidence);
                case CACHE -> add(w, Edge.of(from.id(), target.id(), EdgeKind.CACHE), env.line(), evidence);
                case QUEUE -> queues.putIfAbsent(target.id(), env.line());
                case GATEWAY -> finding(Kind.UNRESOLVED, env.line(), w.name(), evidence + ": calls the gateway "
                        + target.id() + "; a design draws calls to the services behind it: no edge drawn");
                case SERVICE -> {
                    String scheme = ref.scheme().map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
                    if (from.kind() == NodeKind.GATEWAY || scheme.startsWith("http") || scheme.startsWith("ws")) {
                        add(w, Edge.of(from.id(), target.id(), EdgeKind.HTTP), env.line(), evidence);
                    } else if (scheme.startsWith("grpc") || scheme.equals("dns")
                            || scheme.isEmpty() && ref.port().isPresent()) {
                        // A bare host:port is how gRPC clients are given their target; HTTP clients take a URL.
                        add(w, Edge.of(from.id(), target.id(), EdgeKind.GRPC), env.line(), evidence);
                    } else {
                        finding(Kind.UNRESOLVED, env.line(), w.name(), evidence + ": names the service " + target.id()
                                + (scheme.isEmpty() ? " with neither a scheme nor a port" : " over " + scheme)
                                + ", so neither http nor grpc can be told: no edge drawn");
                    }
                }
            }
        }

        private void addFromDependency(Workload w, Node from, Node target, int line, Map<String, Integer> queues) {
            if (edges.values().stream().anyMatch(e -> e.touches(from.id()) && e.touches(target.id()))) {
                return;
            }
            String evidence = "depends_on " + target.id();
            switch (target.kind()) {
                case DATABASE -> add(w, Edge.of(from.id(), target.id(), EdgeKind.DB), line, evidence);
                case CACHE -> add(w, Edge.of(from.id(), target.id(), EdgeKind.CACHE), line, evidence);
                case QUEUE -> queues.putIfAbsent(target.id(), line);
                case SERVICE -> {
                    if (from.kind() == NodeKind.GATEWAY) {
                        add(w, Edge.of(from.id(), target.id(), EdgeKind.HTTP), line, evidence);
                    } else {
                        finding(Kind.UNRESOLVED, line, w.name(), evidence + ": no variable gives its address, so "
                                + "neither http nor grpc can be told: no edge drawn");
                    }
                }
                case GATEWAY -> finding(Kind.UNRESOLVED, line, w.name(), evidence + ": a design draws no edge to a gateway");
            }
        }

        private Map<String, Integer> dependsOn(Workload w) {
            Map<String, Integer> deps = new LinkedHashMap<>();
            Yaml value = w.spec().get("depends_on").orElse(null);
            if (value instanceof Yaml.Sequence list) {
                list.items().forEach(i -> i.text().ifPresent(t -> deps.putIfAbsent(t, i.line())));
            } else if (value instanceof Yaml.Mapping map) {
                map.entries().values().forEach(e -> deps.putIfAbsent(e.key(), e.line()));
            }
            return deps;
        }

        /** Topics named by variables such as ORDERS_PUBLISH_TOPIC, on the one queue the service uses. */
        private void topicsFromEnvironment(Workload w, Node from, List<Env> vars, Map<String, Integer> queuesUsed) {
            Set<String> queues = new LinkedHashSet<>(queuesUsed.keySet());
            dependsOn(w).keySet().stream().map(h -> hosts.get(h.toLowerCase(Locale.ROOT))).filter(nodes::containsKey)
                    .map(nodes::get).filter(n -> n.kind() == NodeKind.QUEUE).forEach(n -> queues.add(n.id()));
            for (Env env : vars) {
                if (!TOPIC_VAR.matcher(env.name()).matches()) {
                    continue;
                }
                Set<String> words = Set.of(env.name().toUpperCase(Locale.ROOT).split("_"));
                boolean publish = words.stream().anyMatch(PUBLISH_WORDS::contains);
                boolean subscribe = words.stream().anyMatch(SUBSCRIBE_WORDS::contains);
                if (publish == subscribe) {
                    finding(Kind.UNRESOLVED, env.line(), w.name(), env.show() + ": names a topic, but not whether "
                            + w.name() + " publishes or consumes it: no edge drawn");
                    continue;
                }
                if (queues.size() != 1) {
                    finding(Kind.UNRESOLVED, env.line(), w.name(), env.show() + ": names a topic, but "
                            + (queues.isEmpty() ? "no queue" : "several queues (" + String.join(", ", queues) + ")")
                            + " could carry it: no edge drawn");
                    continue;
                }
                String queue = queues.iterator().next();
                for (String topic : env.value().split("[,\\s]+")) {
                    if (topic.isEmpty()) {
                        continue;
                    }
                    if (!Names.isTopic(topic)) {
                        finding(Kind.UNRESOLVED, env.line(), w.name(), env.show() + ": \"" + topic
                                + "\" is not a topic name a design can hold: no edge drawn");
                        continue;
                    }
                    add(w, publish ? Edge.topic(from.id(), queue, EdgeKind.PUBLISH, topic)
                            : Edge.topic(queue, from.id(), EdgeKind.SUBSCRIBE, topic), env.line(), env.show());
                }
            }
        }

        /** Topograph's own compose files say what compose cannot: topics by direction, and gateway routes. */
        private void fromExtension(Workload w, Node from, Yaml.Mapping x) {
            for (String key : List.of("publishes", "subscribes")) {
                if (x.get(key).orElse(null) instanceof Yaml.Sequence list) {
                    for (Yaml item : list.items()) {
                        if (!(item instanceof Yaml.Mapping m) || m.text("queue").isEmpty() || m.text("topic").isEmpty()) {
                            finding(Kind.UNRESOLVED, item.line(), w.name(), EXTENSION + " " + key
                                    + ": each item needs a queue and a topic");
                            continue;
                        }
                        String topic = m.text("topic").get();
                        String evidence = EXTENSION + " " + key + " " + m.text("queue").get() + " " + topic;
                        resolve(w, item.line(), m.text("queue").get(), true, evidence).ifPresent(q -> {
                            if (q.kind() != NodeKind.QUEUE || !Names.isTopic(topic)) {
                                finding(Kind.UNRESOLVED, item.line(), w.name(), evidence + ": not a queue and a topic");
                            } else {
                                add(w, key.equals("publishes") ? Edge.topic(from.id(), q.id(), EdgeKind.PUBLISH, topic)
                                        : Edge.topic(q.id(), from.id(), EdgeKind.SUBSCRIBE, topic), item.line(), evidence);
                            }
                        });
                    }
                }
            }
            if (x.get("routes").orElse(null) instanceof Yaml.Sequence routes) {
                for (Yaml item : routes.items()) {
                    Optional<String> prefix = item instanceof Yaml.Mapping m ? m.text("prefix") : Optional.empty();
                    Optional<String> service = item instanceof Yaml.Mapping m ? m.text("service") : Optional.empty();
                    if (prefix.isEmpty() || service.isEmpty() || !Names.isRoutePrefix(prefix.get())) {
                        finding(Kind.UNRESOLVED, item.line(), w.name(), EXTENSION + " routes: each item needs a "
                                + "path prefix and a service");
                        continue;
                    }
                    String evidence = EXTENSION + " route " + prefix.get() + " → " + service.get();
                    resolve(w, item.line(), service.get(), true, evidence).ifPresent(s ->
                            add(w, Edge.route(from.id(), s.id(), prefix.get()), item.line(), evidence));
                }
            }
        }

        /** Adds an edge once; a later finding of the same edge with a route gives it that route. */
        private void add(Workload w, Edge edge, int line, String evidence) {
            Node from = nodeById(edge.from());
            Node to = nodeById(edge.to());
            if (!edge.kind().joins(from.kind(), to.kind())) {
                finding(Kind.UNRESOLVED, line, w.name(), evidence + ": a " + edge.kind().json() + " edge cannot join "
                        + from.kind().json() + " " + from.id() + " to " + to.kind().json() + " " + to.id() + ": no edge drawn");
                return;
            }
            Edge existing = edges.get(edge.key());
            if (existing == null) {
                edges.put(edge.key(), edge);
                notes.put(edge.key(), new EdgeNote(edge.key(), source, line, evidence));
            } else if (existing.route().isEmpty() && edge.route().isPresent()) {
                edges.put(edge.key(), edge);
            }
        }

        private Node nodeById(String id) {
            return java.util.stream.Stream.concat(nodes.values().stream(), sqliteVolumes.values().stream()).filter(n -> n.id().equals(id)).findFirst().orElseThrow();
        }

        private static List<Reference> references(Env env) {
            String value = DEFAULTED.matcher(env.value()).replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
            List<Reference> found = new ArrayList<>();
            Matcher dsn = MYSQL_DSN.matcher(value);
            if (dsn.find()) {
                found.add(new Reference(dsn.group(1), Optional.of("mysql"), Optional.ofNullable(dsn.group(2)).flatMap(Run::parsePort)));
                return found;
            }
            for (String token : value.split("[,;\\s]+")) {
                if (token.isEmpty() || token.contains("${")) {
                    continue;
                }
                Matcher url = URL.matcher(token);
                Matcher hostPort = HOST_PORT.matcher(token);
                if (url.matches()) {
                    found.add(new Reference(url.group(2), Optional.of(url.group(1)),
                            Optional.ofNullable(url.group(3)).flatMap(Run::parsePort)));
                } else if (hostPort.matches()) {
                    found.add(new Reference(hostPort.group(1), Optional.empty(), parsePort(hostPort.group(2))));
                } else if (BARE_HOST.matcher(token).matches() && ADDRESS_VAR.matcher(env.name()).matches()) {
                    found.add(new Reference(token, Optional.empty(), Optional.empty()));
                }
            }
            return found;
        }
    }
}
