package dev.topograph.app.designer.canvas;

import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.layout.LabelText;
import dev.topograph.app.layout.LayeredLayout;
import dev.topograph.app.ui.BackgroundTask;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.model.command.Command;
import dev.topograph.model.command.Edits;
import dev.topograph.model.topology.BoundedContext;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.GatewayNode;
import dev.topograph.model.topology.InfraNode;
import dev.topograph.model.topology.Layout;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.Names;
import dev.topograph.model.validation.TopologyGraph;
import dev.topograph.model.validation.rules.EdgeKindRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * What the canvas shows and what the user does on it: the drawing as a {@link Diagram}, the
 * selection, and every gesture as an undoable edit of the document.
 */
public final class CanvasViewModel {
    /** Grid size that positions snap to. */
    public static final double GRID = 20;

    private final DocumentViewModel document;
    private final TaskExecutor tasks;
    private final ReadOnlyObjectWrapper<Diagram> diagram = new ReadOnlyObjectWrapper<>(Diagram.EMPTY);
    private final ReadOnlyObjectWrapper<Set<String>> selection = new ReadOnlyObjectWrapper<>(Set.of());
    private final BooleanProperty snapToGrid = new SimpleBooleanProperty(true);
    private final ReadOnlyObjectWrapper<Map<String, RunBadge>> runBadges = new ReadOnlyObjectWrapper<>(Map.of());
    private final ReadOnlyObjectWrapper<LiveOverlay> live = new ReadOnlyObjectWrapper<>(LiveOverlay.NONE);
    /** The figures as measured, before the edge notes are added. */
    private LiveOverlay measured = LiveOverlay.NONE;
    private Map<String, String> edgeNotes = Map.of();
    private List<Diagnostic> diagnostics = List.of();
    private List<Node> clipboardNodes = List.of();
    private List<Edge> clipboardEdges = List.of();
    /** Each finished Auto-Layout counts one, so the view can fit the new drawing. */
    private final javafx.beans.property.ReadOnlyIntegerWrapper layouts = new javafx.beans.property.ReadOnlyIntegerWrapper();
    /** The last routing and what it was worked out from: markers and selection changes reuse it. */
    private List<Object> routedFrom = List.of();
    private Map<String, dev.topograph.app.layout.EdgePath> routed = Map.of();

    public CanvasViewModel(DocumentViewModel document, TaskExecutor tasks) {
        this.document = document;
        this.tasks = tasks;
        document.topologyProperty().addListener((o, old, now) -> rebuild());
        rebuild();
    }

    /** Problem markers come from the Problems panel's validation. */
    public void showDiagnostics(List<Diagnostic> found) {
        this.diagnostics = List.copyOf(found);
        rebuild();
    }

    /**
     * What a run says of each node, by node id, drawn over the diagram (empty when nothing runs).
     * Apart from the diagram, so a run's many small changes never rebuild the drawing.
     */
    public void showRunBadges(Map<String, RunBadge> badges) {
        runBadges.set(Map.copyOf(badges));
    }

    public ReadOnlyObjectProperty<Map<String, RunBadge>> runBadgesProperty() {
        return runBadges.getReadOnlyProperty();
    }

    /**
     * The live figures of a running design, drawn over the diagram like the run badges (and, like
     * them, never in exports); {@link LiveOverlay#NONE} when nothing is measured.
     */
    public void showLive(LiveOverlay overlay) {
        measured = overlay;
        live.set(withNotes(overlay));
    }

    /**
     * Lines added to edges' tooltips by edge key (the p50/p95 the Traces panel works out from spans);
     * an edge shows them while it has live figures.
     */
    public void showEdgeNotes(Map<String, String> notes) {
        if (notes.equals(edgeNotes)) {
            return;
        }
        edgeNotes = Map.copyOf(notes);
        live.set(withNotes(measured));
    }

    private LiveOverlay withNotes(LiveOverlay overlay) {
        if (edgeNotes.isEmpty()) {
            return overlay;
        }
        Map<String, LiveEdge> edges = new java.util.HashMap<>(overlay.edges());
        edges.replaceAll((key, e) -> edgeNotes.containsKey(key)
                ? new LiveEdge(e.label(), e.weight(), e.tone(), e.alert(), e.tooltip() + "\n" + edgeNotes.get(key))
                : e);
        return new LiveOverlay(overlay.nodes(), edges);
    }

    public ReadOnlyObjectProperty<LiveOverlay> liveProperty() {
        return live.getReadOnlyProperty();
    }

    /** Counts the Auto-Layouts applied; the view fits the drawing to the window at each. */
    public javafx.beans.property.ReadOnlyIntegerProperty layoutsAppliedProperty() {
        return layouts.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Diagram> diagramProperty() {
        return diagram.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Set<String>> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    public BooleanProperty snapToGridProperty() {
        return snapToGrid;
    }

    // --- selection -------------------------------------------------------------------------

    public void select(Collection<String> ids) {
        selection.set(Set.copyOf(new LinkedHashSet<>(ids)));
    }

    public void toggle(String id) {
        Set<String> next = new LinkedHashSet<>(selection.get());
        if (!next.remove(id)) {
            next.add(id);
        }
        selection.set(Set.copyOf(next));
    }

    public void clearSelection() {
        selection.set(Set.of());
    }

    public void selectAll() {
        select(document.topology().nodes().stream().map(Node::id).toList());
    }

    /** Selects the nodes whose boxes lie wholly inside the rectangle (rubber band). */
    public void selectInside(double x, double y, double width, double height, boolean add) {
        Set<String> ids = new LinkedHashSet<>(add ? selection.get() : Set.of());
        for (DrawnNode n : diagram.get().nodes()) {
            if (n.x() >= x && n.y() >= y && n.x() + DrawnNode.WIDTH <= x + width && n.y() + DrawnNode.HEIGHT <= y + height) {
                ids.add(n.id());
            }
        }
        selection.set(Set.copyOf(ids));
    }

    // --- edits -----------------------------------------------------------------------------

    /** Adds a node of the kind ("service", "queue" …) centred at the point; returns its id. */
    public Optional<String> addNode(String kind, double x, double y) {
        NodeKind nodeKind = NodeKind.fromJson(kind).orElseThrow(() -> new IllegalArgumentException("kind " + kind));
        Topology t = document.topology();
        String id = uniqueId(t, kind);
        Optional<Layout> at = Optional.of(snap(x - DrawnNode.WIDTH / 2, y - DrawnNode.HEIGHT / 2));
        Node node = switch (nodeKind) {
            case SERVICE -> ServiceNode.of(id, freePort(t, 8081)).withLayout(at);
            case GATEWAY -> GatewayNode.of(id, freePort(t, 8080)).withLayout(at);
            default -> InfraNode.of(id, nodeKind).withLayout(at);
        };
        if (document.execute(Edits.addNode(node))) {
            select(List.of(id));
            return Optional.of(id);
        }
        return Optional.empty();
    }

    /** Moves the nodes to their new top-left corners (snapped to the grid when on) in one edit. */
    public void moveNodes(Map<String, Point> positions) {
        Map<String, Layout> layouts = new LinkedHashMap<>();
        positions.forEach((id, p) -> layouts.put(id, snap(p.x(), p.y())));
        document.execute(Edits.moveNodes(layouts));
    }

    /** The edge kinds a drag from one node may create to another; empty when none may. */
    public List<String> connectionKinds(String fromId, String toId) {
        Topology t = document.topology();
        Optional<Node> from = t.node(fromId);
        Optional<Node> to = t.node(toId);
        if (from.isEmpty() || to.isEmpty()) {
            return List.of();
        }
        return EdgeKindRule.allowedKinds(from.get(), to.get()).stream()
                .filter(k -> t.edge(Edge.of(fromId, toId, k).key()).isEmpty())
                .map(EdgeKind::json).toList();
    }

    /** Why no edge can join the two nodes, in words; empty when one can. */
    public Optional<String> connectionRefusal(String fromId, String toId) {
        Topology t = document.topology();
        Optional<Node> from = t.node(fromId);
        Optional<Node> to = t.node(toId);
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.of("no such node");
        }
        if (!connectionKinds(fromId, toId).isEmpty()) {
            return Optional.empty();
        }
        if (fromId.equals(toId)) {
            return Optional.of("a node cannot connect to itself");
        }
        if (!EdgeKindRule.allowedKinds(from.get(), to.get()).isEmpty()) {
            return Optional.of(fromId + " is already connected to " + toId);
        }
        return Optional.of("a " + from.get().kind().json() + " cannot connect to a " + to.get().kind().json());
    }

    /** Connects two nodes with an edge of the kind, with a sensible route or topic. */
    public boolean connect(String fromId, String toId, String kind) {
        EdgeKind edgeKind = EdgeKind.fromJson(kind).orElseThrow();
        Topology t = document.topology();
        Edge edge = Edge.of(fromId, toId, edgeKind);
        boolean fromGateway = t.node(fromId).map(n -> n.kind() == NodeKind.GATEWAY).orElse(false);
        if (edgeKind.isSynchronous() && fromGateway) {
            edge = edge.withRoute(Optional.of(uniqueRoute(t, fromId, "/" + toId)));
        }
        if (edgeKind == EdgeKind.SUBSCRIBE) {
            Optional<String> published = t.edges().stream()
                    .filter(e -> e.kind() == EdgeKind.PUBLISH && e.to().equals(fromId))
                    .map(TopologyGraph::topicOf).findFirst();
            edge = edge.withTopic(published);
        }
        if (edgeKind == EdgeKind.PUBLISH) {
            edge = edge.withTopic(Optional.of(fromId + ".created"));
        }
        return document.execute(Edits.connect(edge));
    }

    public void deleteSelection() {
        Set<String> ids = selection.get();
        Topology t = document.topology();
        List<String> nodes = ids.stream().filter(id -> t.node(id).isPresent()).toList();
        List<String> edges = ids.stream().filter(id -> t.node(id).isEmpty() && t.edge(id).isPresent()).toList();
        List<Command> steps = new ArrayList<>();
        edges.forEach(key -> steps.add(Edits.disconnect(key)));
        if (!nodes.isEmpty()) {
            steps.add(Edits.removeNodes(nodes));
        }
        if (!steps.isEmpty() && document.execute(Edits.all("Delete " + (nodes.size() + edges.size()) + " element(s)", steps))) {
            clearSelection();
        }
    }

    public void copySelection() {
        Topology t = document.topology();
        Set<String> ids = selection.get();
        clipboardNodes = t.nodes().stream().filter(n -> ids.contains(n.id())).toList();
        clipboardEdges = t.edges().stream().filter(e -> ids.contains(e.from()) && ids.contains(e.to())).toList();
    }

    /** Pastes copies of the copied nodes (new ids and ports, offset) with the edges among them. */
    public void paste() {
        if (clipboardNodes.isEmpty()) {
            return;
        }
        Topology t = document.topology();
        Map<String, String> renamed = new HashMap<>();
        Set<String> taken = new HashSet<>();
        t.nodes().forEach(n -> taken.add(n.id()));
        Set<Integer> ports = new HashSet<>();
        t.nodes().forEach(n -> n.listenPort().ifPresent(ports::add));
        List<Command> steps = new ArrayList<>();
        for (Node n : clipboardNodes) {
            String id = uniqueAmong(taken, n.id() + "-copy");
            taken.add(id);
            renamed.put(n.id(), id);
            Node copy = n.withId(id).withLayout(n.layout().map(l -> l.translate(40, 40)));
            if (copy instanceof ServiceNode s) {
                int port = nextPort(ports, s.port());
                ports.add(port);
                copy = s.withPort(port);
            } else if (copy instanceof GatewayNode g) {
                int port = nextPort(ports, g.port());
                ports.add(port);
                copy = g.withPort(port);
            }
            steps.add(Edits.addNode(copy.withContext(n.context().filter(c -> t.context(c).isPresent()))));
        }
        for (Edge e : clipboardEdges) {
            steps.add(Edits.connect(new Edge(Optional.empty(), renamed.get(e.from()), renamed.get(e.to()), e.kind(),
                    e.route(), e.topic())));
        }
        if (document.execute(Edits.all("Paste " + clipboardNodes.size() + " node(s)", steps))) {
            select(renamed.values());
        }
    }

    /** Draws a bounded context around the selected nodes. */
    public void groupSelection(String name) {
        String id = slug(name);
        List<String> nodes = selection.get().stream().filter(s -> document.topology().node(s).isPresent()).toList();
        if (nodes.isEmpty()) {
            document.tell("Select the nodes to group first", true);
            return;
        }
        if (!Names.isId(id) || !Names.isDisplayName(name)) {
            document.tell("\"" + name + "\" cannot name a context: use letters, digits, spaces and - _ . &", true);
            return;
        }
        String unique = document.topology().context(id).isPresent() ? uniqueContextId(document.topology(), id) : id;
        document.execute(Edits.groupIntoContext(new BoundedContext(unique, name), nodes));
    }

    /**
     * Lays the whole design out left to right (Eclipse ELK, layered) in the background, as one edit:
     * contexts as compound nodes, room for each edge's label between the layers and for the live
     * card under each service; the view then fits the new drawing.
     */
    public void autoLayout() {
        Topology t = document.topology();
        List<LayeredLayout.Box> boxes = t.nodes().stream()
                .map(n -> new LayeredLayout.Box(n.id(), DrawnNode.WIDTH,
                        DrawnNode.HEIGHT + DrawnNode.roomBelow(n.kind().json()),
                        n.context().filter(c -> t.context(c).isPresent()).orElse(""))).toList();
        List<LayeredLayout.Link> links = t.edges().stream()
                .filter(e -> t.node(e.from()).isPresent() && t.node(e.to()).isPresent())
                .map(e -> {
                    String label = label(e);
                    return label.isEmpty() ? new LayeredLayout.Link(e.from(), e.to())
                            : new LayeredLayout.Link(e.from(), e.to(), LabelText.width(label), LabelText.HEIGHT);
                }).toList();
        LayeredLayout.Padding padding = new LayeredLayout.Padding(CONTEXT_TOP + 4, CONTEXT_SIDE + 4,
                CONTEXT_BOTTOM + 4, CONTEXT_SIDE + 4);
        BackgroundTask.wrap(() -> new LayeredLayout().layout(boxes, links, padding))
                .onSuccess(positions -> {
                    if (document.topology() != t) {
                        return;
                    }
                    Map<String, Layout> layouts = new LinkedHashMap<>();
                    positions.forEach((id, p) -> layouts.put(id, new Layout(Math.round(p[0]), Math.round(p[1]))));
                    document.execute(Edits.of("Auto-layout", x -> Edits.moveNodes(layouts).execute(x)));
                    this.layouts.set(this.layouts.get() + 1);
                })
                .onFailure(e -> document.tell("Auto-layout failed: " + e.getMessage(), true))
                .executeWith(tasks);
    }

    /** Room around a context's members: its title above, a margin on the sides and below their card room. */
    static final double CONTEXT_TOP = 40;
    static final double CONTEXT_SIDE = 24;
    static final double CONTEXT_BOTTOM = 12;

    private static String label(Edge e) {
        return e.route().or(e::topic).orElse(e.kind() == EdgeKind.HTTP || e.kind() == EdgeKind.GRPC
                ? e.kind().json() : "");
    }

    // --- building the drawing -------------------------------------------------------------

    private void rebuild() {
        Topology t = document.topology();
        Map<String, Marker> markers = new HashMap<>();
        for (Diagnostic d : diagnostics) {
            Marker m = d.isError() ? Marker.ERROR : Marker.WARNING;
            for (String id : d.elementIds()) {
                markers.merge(id, m, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        List<DrawnNode> nodes = new ArrayList<>(t.nodes().size());
        Map<String, DrawnNode> byId = new HashMap<>();
        int unplaced = 0;
        for (Node n : t.nodes()) {
            Layout at = n.layout().orElse(null);
            if (at == null) {
                at = new Layout(40 + (unplaced % 6) * 220.0, 40 + (unplaced / 6) * 140.0);
                unplaced++;
            }
            DrawnNode drawn = new DrawnNode(n.id(), n.kind().json(), detail(n), at.x(), at.y(),
                    markers.getOrDefault(n.id(), Marker.NONE));
            nodes.add(drawn);
            byId.putIfAbsent(n.id(), drawn);
        }
        List<DrawnEdge> edges = new ArrayList<>(t.edges().size());
        for (Edge e : t.edges()) {
            if (byId.containsKey(e.from()) && byId.containsKey(e.to())) {
                edges.add(new DrawnEdge(e.key(), e.from(), e.to(), e.kind().json(), label(e), e.kind().isSynchronous(),
                        markers.getOrDefault(e.key(), Marker.NONE)));
            }
        }
        List<DrawnContext> contexts = new ArrayList<>();
        for (BoundedContext c : t.contexts()) {
            double minX = Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (Node n : t.nodes()) {
                if (n.context().filter(c.id()::equals).isPresent()) {
                    DrawnNode d = byId.get(n.id());
                    minX = Math.min(minX, d.x());
                    minY = Math.min(minY, d.y());
                    maxX = Math.max(maxX, d.x() + DrawnNode.WIDTH);
                    maxY = Math.max(maxY, d.y() + DrawnNode.HEIGHT + DrawnNode.roomBelow(d.kind()));
                }
            }
            if (minX <= maxX) {
                contexts.add(new DrawnContext(c.id(), c.name(), minX - CONTEXT_SIDE, minY - CONTEXT_TOP,
                        maxX - minX + 2 * CONTEXT_SIDE, maxY - minY + CONTEXT_TOP + CONTEXT_BOTTOM));
            }
        }
        // Routing depends on places, kinds, edges and titles only: a change of markers reuses it.
        List<Object> from = new ArrayList<>();
        nodes.forEach(n -> from.add(List.of(n.id(), n.kind(), n.x(), n.y())));
        edges.forEach(e -> from.add(List.of(e.key(), e.from(), e.to(), e.label())));
        contexts.forEach(c -> from.add(List.of(c.name(), c.x(), c.y())));
        if (!from.equals(routedFrom)) {
            routed = Diagram.route(contexts, nodes, edges);
            routedFrom = from;
        }
        diagram.set(new Diagram(List.copyOf(contexts), List.copyOf(nodes), List.copyOf(edges), Map.copyOf(byId), routed));
        Set<String> alive = new HashSet<>(byId.keySet());
        t.edges().forEach(e -> alive.add(e.key()));
        if (!alive.containsAll(selection.get())) {
            selection.set(Set.copyOf(selection.get().stream().filter(alive::contains).toList()));
        }
    }

    private static String detail(Node n) {
        if (n instanceof ServiceNode s) {
            return ":" + s.port() + " · " + s.framework().json() + (s.replicas() > 1 ? " · ×" + s.replicas() : "");
        }
        if (n instanceof InfraNode infra) {
            return infra.engine().json();
        }
        return n.listenPort().map(p -> ":" + p).orElse("");
    }

    private Layout snap(double x, double y) {
        if (!snapToGrid.get()) {
            return new Layout(Math.round(x), Math.round(y));
        }
        return new Layout(Math.round(x / GRID) * GRID, Math.round(y / GRID) * GRID);
    }

    private static String uniqueId(Topology t, String base) {
        for (int i = 1; ; i++) {
            String id = base + "-" + i;
            if (t.node(id).isEmpty()) {
                return id;
            }
        }
    }

    private static String uniqueAmong(Set<String> taken, String base) {
        String cut = base.length() > 56 ? base.substring(0, 56) : base;
        if (!taken.contains(cut)) {
            return cut;
        }
        for (int i = 2; ; i++) {
            if (!taken.contains(cut + "-" + i)) {
                return cut + "-" + i;
            }
        }
    }

    private static String uniqueContextId(Topology t, String base) {
        for (int i = 2; ; i++) {
            if (t.context(base + "-" + i).isEmpty()) {
                return base + "-" + i;
            }
        }
    }

    private static int freePort(Topology t, int from) {
        Set<Integer> used = new HashSet<>();
        t.nodes().forEach(n -> n.listenPort().ifPresent(used::add));
        return nextPort(used, from);
    }

    private static int nextPort(Set<Integer> used, int from) {
        int p = from;
        while (used.contains(p)) {
            p++;
        }
        return p;
    }

    private static String uniqueRoute(Topology t, String gateway, String wanted) {
        Set<String> routes = new HashSet<>();
        t.edges().stream().filter(e -> e.from().equals(gateway)).forEach(e -> e.route().ifPresent(routes::add));
        String route = wanted;
        for (int i = 2; routes.contains(route); i++) {
            route = wanted + "-" + i;
        }
        return route;
    }

    static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.length() > 63 ? s.substring(0, 63).replaceAll("-+$", "") : s;
    }
}
