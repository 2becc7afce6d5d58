package dev.topograph.model.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topograph.model.topology.BoundedContext;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Engine;
import dev.topograph.model.topology.Framework;
import dev.topograph.model.topology.Endpoint;
import dev.topograph.model.topology.GatewayNode;
import dev.topograph.model.topology.InfraNode;
import dev.topograph.model.topology.Layout;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.topology.Topology;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads and writes {@code *.topology.json} files (format version {@value #FORMAT_VERSION}).
 * Reading is strict and every problem names its JSON path and line/column; writing is
 * canonical, so saving an unchanged topology reproduces the file byte for byte.
 */
public final class ProjectFile {

    /** The format version this build writes. */
    public static final int FORMAT_VERSION = 1;

    /** The file name suffix of project files. */
    public static final String SUFFIX = ".topology.json";

    /** Migrations from older formats, one per version step; none yet, since 1 is the first. */
    static final List<Migration> MIGRATIONS = List.of();

    private static final int MAX_BYTES = 64 * 1024 * 1024;

    private final ObjectMapper mapper;
    private final JsonLocator locator;
    private final List<Migration> migrations;

    public ProjectFile() {
        this(MIGRATIONS);
    }

    ProjectFile(List<Migration> migrations) {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
        this.locator = new JsonLocator(factory);
        this.migrations = List.copyOf(migrations);
    }

    /** Reads a project file from disk. */
    public Topology load(Path file) throws ProjectFileException {
        String source = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ProjectFileException(source, "$", 0, 0, "the file is larger than 64 MiB; is it a topology?");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ProjectFileException(source, "no such file: " + file, e);
        } catch (IOException e) {
            throw new ProjectFileException(source, "cannot read " + file + ": " + e.getMessage(), e);
        }
        return read(bytes, source);
    }

    /** Reads a project from its bytes; {@code source} names it in messages. */
    public Topology read(byte[] bytes, String source) throws ProjectFileException {
        // Parsed as text, not bytes, so that columns count characters as an editor does, not UTF-8 bytes.
        String text = utf8Text(bytes, source);
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String problem = syntaxProblem(e);
            throw new ProjectFileException(source, pathAt(e), at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(), problem);
        } catch (NumberFormatException e) {
            // Jackson lets a number whose exponent BigDecimal cannot hold (1e9999999999) escape unwrapped.
            Optional<JsonLocator.Spot> spot = locator.unreadableNumber(text);
            throw new ProjectFileException(source, spot.map(s -> JsonPaths.fromPointer(s.pointer())).orElse("$"),
                    spot.map(s -> s.location().getLineNr()).orElse(0), spot.map(s -> s.location().getColumnNr()).orElse(0),
                    "number out of range: its exponent is too large");
        }
        if (root == null || root.isMissingNode()) {
            throw new ProjectFileException(source, "$", 1, 1, "the file is empty; a topology is a JSON object");
        }
        try {
            ObjectNode tree = migrate(new Field(root, "$", JsonPointer.empty()));
            return new TreeReader().topology(new Field(tree, "$", JsonPointer.empty()));
        } catch (BadValue bad) {
            Optional<JsonLocation> at = locator.locate(text, bad.pointer);
            throw new ProjectFileException(source, bad.path, at.map(l -> l.getLineNr()).orElse(0),
                    at.map(l -> l.getColumnNr()).orElse(0), bad.getMessage());
        }
    }

    /** The canonical text of a topology. */
    public String write(Topology topology) {
        CanonicalJson json = new CanonicalJson().beginObject()
                .field("formatVersion", FORMAT_VERSION)
                .field("name", topology.name())
                .field("module", topology.module());
        json.beginArray("contexts");
        for (BoundedContext c : topology.contexts()) {
            json.beginArrayElementObject().field("id", c.id()).field("name", c.name()).endObject();
        }
        json.endArray().beginArray("nodes");
        for (Node n : topology.nodes()) {
            writeNode(json, n);
        }
        json.endArray().beginArray("edges");
        for (Edge e : topology.edges()) {
            json.beginArrayElementObject();
            e.id().ifPresent(id -> json.field("id", id));
            json.field("from", e.from()).field("to", e.to()).field("kind", e.kind().json());
            e.route().ifPresent(r -> json.field("route", r));
            e.topic().ifPresent(t -> json.field("topic", t));
            json.endObject();
        }
        return json.endArray().endObject().toString();
    }

    /** Writes the canonical text atomically: readers see the old file or the new one, never a torn one. */
    public void save(Topology topology, Path file) throws ProjectFileException {
        String source = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try {
            AtomicFiles.write(file, write(topology).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ProjectFileException(source, "cannot save " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeNode(CanonicalJson json, Node node) {
        json.beginArrayElementObject().field("id", node.id()).field("kind", node.kind().json());
        node.context().ifPresent(c -> json.field("context", c));
        if (node instanceof ServiceNode s) {
            json.field("port", s.port()).field("framework", s.framework().json())
                    .field("replicas", s.replicas()).beginArray("endpoints");
            for (Endpoint ep : s.endpoints()) {
                json.beginArrayElementObject().field("method", ep.method()).field("path", ep.path()).endObject();
            }
            json.endArray();
        } else if (node instanceof GatewayNode g) {
            json.field("port", g.port());
        } else if (node instanceof InfraNode i) {
            json.field("engine", i.engine().json());
        }
        node.layout().ifPresent(l -> json.beginObject("layout").field("x", l.x()).field("y", l.y()).endObject());
        json.endObject();
    }

    private ObjectNode migrate(Field root) {
        ObjectNode tree = root.object();
        Field versionField = root.required("formatVersion");
        int version = versionField.integer();
        if (version > FORMAT_VERSION) {
            throw versionField.bad("this file has format version " + version + ", newer than this Topograph reads ("
                    + FORMAT_VERSION + "); update Topograph to open it");
        }
        while (version < FORMAT_VERSION) {
            int from = version;
            Migration step = migrations.stream().filter(m -> m.fromVersion() == from).findFirst()
                    .orElseThrow(() -> versionField.bad("unknown format version " + from
                            + "; this Topograph reads versions 1 to " + FORMAT_VERSION));
            try {
                tree = Objects.requireNonNull(step.migrate(tree), "the migration returned no tree");
            } catch (RuntimeException e) {
                // An old file can be malformed in ways a migration did not foresee; that is a bad file, not a crash.
                throw versionField.bad("cannot migrate this file from format version " + from + ": " + e);
            }
            version = from + 1;
            tree.put("formatVersion", version);
        }
        return tree;
    }

    /** The file's text; anything but UTF-8 is refused (a NUL never occurs in JSON text, but fills UTF-16). */
    private static String utf8Text(byte[] bytes, String source) throws ProjectFileException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProjectFileException(source, "$", 0, 0, "the file is not UTF-8 text");
        }
        if (text.indexOf('\0') >= 0) {
            throw new ProjectFileException(source, "$", 0, 0, "the file is not UTF-8 text (it holds NUL bytes: UTF-16?)");
        }
        // Some Windows editors start UTF-8 files with a byte order mark; it is not part of the JSON.
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String syntaxProblem(JsonProcessingException e) {
        String original = e.getOriginalMessage();
        if (original == null) {
            return "not valid JSON";
        }
        if (original.contains("end-of-input")) {
            return "the file ends before the JSON is complete (truncated?): " + firstLine(original);
        }
        if (original.contains("Duplicate field")) {
            return "a key appears twice in one object: " + firstLine(original);
        }
        return "not valid JSON: " + firstLine(original);
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static String pathAt(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            return JsonPaths.fromPointer(parser.getParsingContext().pathAsPointer());
        }
        return "$";
    }

    /** Turns the (possibly migrated) JSON tree into a {@link Topology}, strictly. */
    private static final class TreeReader {

        Topology topology(Field root) {
            root.allowOnly("formatVersion", "name", "module", "contexts", "nodes", "edges");
            String name = root.required("name").string();
            String module = root.optional("module").map(Field::string).orElse("example.com/" + name);

            List<BoundedContext> contexts = root.optional("contexts").map(Field::elements).orElse(List.of()).stream()
                    .map(this::context).toList();
            List<Node> nodes = root.optional("nodes").map(Field::elements).orElse(List.of()).stream()
                    .map(this::node).toList();
            List<Edge> edges = root.optional("edges").map(Field::elements).orElse(List.of()).stream()
                    .map(this::edge).toList();

            checkReferences(root, contexts, nodes, edges);
            return new Topology(name, module, contexts, nodes, edges);
        }

        private BoundedContext context(Field f) {
            f.allowOnly("id", "name");
            String id = f.required("id").string();
            String name = f.optional("name").map(Field::string).orElse(id);
            return new BoundedContext(id, name);
        }

        private Node node(Field f) {
            Field kindField = f.required("kind");
            String kindName = kindField.string();
            String id = f.required("id").string();
            Optional<String> context = f.optional("context").map(Field::string);
            Optional<Layout> layout = f.optional("layout").map(this::layout);
            return switch (kindName) {
                case "service" -> {
                    f.allowOnly("id", "kind", "context", "port", "framework", "replicas", "endpoints", "layout");
                    Field frameworkField = f.optional("framework").orElse(null);
                    var framework = frameworkField == null ? Framework.NETHTTP
                            : Framework.fromJson(frameworkField.string())
                                    .orElseThrow(() -> frameworkField.bad("unknown framework \""
                                            + frameworkField.string() + "\"; use one of " + Framework.names()));
                    Field replicasField = f.optional("replicas").orElse(null);
                    int replicas = replicasField == null ? 1 : replicasField.integer();
                    if (replicas < 1 || replicas > ServiceNode.MAX_REPLICAS) {
                        throw replicasField.bad("replicas must be between 1 and " + ServiceNode.MAX_REPLICAS
                                + ", was " + replicas);
                    }
                    List<Endpoint> endpoints = f.optional("endpoints").map(Field::elements).orElse(List.of())
                            .stream().map(this::endpoint).toList();
                    yield new ServiceNode(id, context, port(f), framework, replicas, endpoints, layout);
                }
                case "gateway" -> {
                    f.allowOnly("id", "kind", "context", "port", "layout");
                    yield new GatewayNode(id, context, port(f), layout);
                }
                case "queue", "cache", "database" -> {
                    f.allowOnly("id", "kind", "context", "engine", "layout");
                    var kind = NodeKind.fromJson(kindName).orElseThrow();
                    Field engineField = f.optional("engine").orElse(null);
                    var engine = engineField == null ? Engine.defaultFor(kind).orElseThrow()
                            : Engine.fromJson(kind, engineField.string())
                                    .orElseThrow(() -> engineField.bad("unknown " + kindName + " engine \""
                                            + engineField.string() + "\"; use one of " + engineNames(kind)));
                    yield new InfraNode(id, kind, context, engine, layout);
                }
                default -> throw kindField.bad("unknown node kind \"" + kindName
                        + "\"; use service, gateway, queue, cache or database");
            };
        }

        private static String engineNames(NodeKind kind) {
            return String.join(", ", Engine.forKind(kind).stream()
                    .map(Engine::json).toList());
        }

        private int port(Field node) {
            Field f = node.required("port");
            int port = f.integer();
            if (port < 1 || port > 65535) {
                throw f.bad("port must be between 1 and 65535, was " + port);
            }
            return port;
        }

        private Layout layout(Field f) {
            f.allowOnly("x", "y");
            return new Layout(f.required("x").number(), f.required("y").number());
        }

        private Endpoint endpoint(Field f) {
            f.allowOnly("method", "path");
            return new Endpoint(f.required("method").string(), f.required("path").string());
        }

        private Edge edge(Field f) {
            Field kindField = f.required("kind");
            EdgeKind kind = EdgeKind.fromJson(kindField.string()).orElseThrow(() -> kindField.bad(
                    "unknown edge kind \"" + kindField.string() + "\"; use http, grpc, publish, subscribe, cache or db"));
            switch (kind) {
                case HTTP, GRPC -> f.allowOnly("id", "from", "to", "kind", "route");
                case PUBLISH, SUBSCRIBE -> f.allowOnly("id", "from", "to", "kind", "topic");
                case CACHE, DB -> f.allowOnly("id", "from", "to", "kind");
            }
            return new Edge(f.optional("id").map(Field::string), f.required("from").string(),
                    f.required("to").string(), kind, f.optional("route").map(Field::string),
                    f.optional("topic").map(Field::string));
        }

        private void checkReferences(Field root, List<BoundedContext> contexts, List<Node> nodes, List<Edge> edges) {
            var contextIds = contexts.stream().map(BoundedContext::id).collect(Collectors.toSet());
            var nodeIds = nodes.stream().map(Node::id).collect(Collectors.toSet());
            for (int i = 0; i < nodes.size(); i++) {
                Optional<String> ctx = nodes.get(i).context();
                if (ctx.isPresent() && !contextIds.contains(ctx.get())) {
                    throw root.at("nodes", i, "context").bad("no context has the id \"" + ctx.get()
                            + "\"; add it to \"contexts\" or remove the reference");
                }
            }
            for (int i = 0; i < edges.size(); i++) {
                Edge e = edges.get(i);
                if (!nodeIds.contains(e.from())) {
                    throw root.at("edges", i, "from").bad("no node has the id \"" + e.from() + "\"");
                }
                if (!nodeIds.contains(e.to())) {
                    throw root.at("edges", i, "to").bad("no node has the id \"" + e.to() + "\"");
                }
            }
        }
    }
}
