package dev.topograph.app.designer.inspector;

import dev.topograph.app.designer.canvas.CanvasViewModel;
import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.ui.Words;
import dev.topograph.model.command.Command;
import dev.topograph.model.command.Edits;
import dev.topograph.model.topology.BoundedContext;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Endpoint;
import dev.topograph.model.topology.Engine;
import dev.topograph.model.topology.Framework;
import dev.topograph.model.topology.GatewayNode;
import dev.topograph.model.topology.InfraNode;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.topology.Ports;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Names;
import dev.topograph.model.validation.TopologyGraph;
import dev.topograph.model.validation.rules.EdgeKindRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The inspector: the design's name and Go module when nothing is selected, the properties of the
 * one selected node or edge, or a count when several are. Every field commits as one undoable
 * edit through the document; an invalid value is refused in place with the reason, and then
 * nothing is executed.
 */
public final class InspectorViewModel {
    /** What the inspector is about. */
    public enum Showing { DESIGN, NODE, EDGE, MANY }

    /** The context choice that puts a node in no bounded context. */
    public static final String NO_CONTEXT = "";

    private static final List<Choice> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE").stream()
            .map(Choice::plain).toList();
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");
    private static final Pattern WILDCARD = Pattern.compile("\\{[^/}]*}");

    private final DocumentViewModel document;
    private final CanvasViewModel canvas;
    private final ReadOnlyObjectWrapper<Showing> showing = new ReadOnlyObjectWrapper<>(Showing.DESIGN);
    private final ReadOnlyStringWrapper kind = new ReadOnlyStringWrapper("design");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper subtitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper edgeFrom = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper edgeTo = new ReadOnlyStringWrapper("");

    private final EditableField name = new EditableField(this::renameDesign);
    private final EditableField module = new EditableField(this::changeModule);
    private final EditableField id = new EditableField(this::renameNode);
    private final ChoiceField context = new ChoiceField(this::changeContext);
    private final EditableField port = new EditableField(this::changePort);
    private final ChoiceField framework = new ChoiceField(this::changeFramework);
    private final EditableField replicas = new EditableField(this::changeReplicas);
    private final ChoiceField engine = new ChoiceField(this::changeEngine);
    private final ObservableList<EndpointRow> endpoints = FXCollections.observableArrayList();
    private final ObservableList<EndpointRow> readOnlyEndpoints = FXCollections.unmodifiableObservableList(endpoints);
    private final ReadOnlyBooleanWrapper endpointsApply = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper endpointsError = new ReadOnlyStringWrapper("");
    private final ChoiceField edgeKind = new ChoiceField(this::changeEdgeKind);
    private final EditableField topic = new EditableField(this::changeTopic);
    private final EditableField route = new EditableField(this::changeRoute);

    /** Which element the fields show: "design", "many", "node:" + id or "edge:" + key. */
    private String subject = "";
    private String nodeId = "";
    private String edgeKey = "";
    /** Set while an edit of ours runs, so the selection it moves does not redraw the fields halfway. */
    private boolean applying;

    public InspectorViewModel(DocumentViewModel document, CanvasViewModel canvas) {
        this.document = document;
        this.canvas = canvas;
        document.topologyProperty().addListener((o, old, now) -> refreshUnlessApplying());
        canvas.selectionProperty().addListener((o, old, now) -> refreshUnlessApplying());
        refresh();
    }

    // --- what to show --------------------------------------------------------------------------

    public ReadOnlyObjectProperty<Showing> showingProperty() {
        return showing.getReadOnlyProperty();
    }

    /** The kind of what is shown: "design", "selection", "edge" or a node kind such as "service". */
    public ReadOnlyStringProperty kindProperty() {
        return kind.getReadOnlyProperty();
    }

    /** The heading: the design's name, the node's id, "from → to" or a count. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** What the element is, in words. */
    public ReadOnlyStringProperty subtitleProperty() {
        return subtitle.getReadOnlyProperty();
    }

    /** A line about the whole: counts for the design and for a multiple selection. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty edgeFromProperty() {
        return edgeFrom.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty edgeToProperty() {
        return edgeTo.getReadOnlyProperty();
    }

    /** The design's name (nothing selected). */
    public EditableField name() {
        return name;
    }

    /** The design's Go module path (nothing selected). */
    public EditableField module() {
        return module;
    }

    public EditableField id() {
        return id;
    }

    public ChoiceField context() {
        return context;
    }

    public EditableField port() {
        return port;
    }

    public ChoiceField framework() {
        return framework;
    }

    public EditableField replicas() {
        return replicas;
    }

    public ChoiceField engine() {
        return engine;
    }

    /** The selected service's endpoints, one row each, in file order. */
    public ObservableList<EndpointRow> endpoints() {
        return readOnlyEndpoints;
    }

    /** Whether the selection has endpoints (it is a service). */
    public ReadOnlyBooleanProperty endpointsApplyProperty() {
        return endpointsApply.getReadOnlyProperty();
    }

    /** Why the last endpoint change was refused, if one was. */
    public ReadOnlyStringProperty endpointsErrorProperty() {
        return endpointsError.getReadOnlyProperty();
    }

    public ChoiceField edgeKind() {
        return edgeKind;
    }

    public EditableField topic() {
        return topic;
    }

    public EditableField route() {
        return route;
    }

    /** Undoes the last edit of the design (Ctrl+Z in a field that holds no typing of its own). */
    public void undo() {
        document.undo();
    }

    public void redo() {
        document.redo();
    }

    // --- endpoints -----------------------------------------------------------------------------

    /** Adds an endpoint the service does not have yet (GET /<id>, POST /<id>, …) as one edit. */
    public boolean addEndpoint() {
        Optional<ServiceNode> service = selectedService();
        if (service.isEmpty()) {
            return false;
        }
        ServiceNode s = service.get();
        Endpoint added = suggestedEndpoint(s);
        List<Endpoint> next = new ArrayList<>(s.endpoints());
        next.add(added);
        return apply(setEndpoints(s, "Add endpoint " + added.pattern() + " to " + s.id(), next), Optional.empty()).isEmpty();
    }

    /** Removes the endpoint at the row index as one edit. */
    public boolean removeEndpoint(int index) {
        Optional<ServiceNode> service = selectedService();
        if (service.isEmpty() || index < 0 || index >= service.get().endpoints().size()) {
            return false;
        }
        ServiceNode s = service.get();
        List<Endpoint> next = new ArrayList<>(s.endpoints());
        Endpoint removed = next.remove(index);
        return apply(setEndpoints(s, "Remove endpoint " + removed.pattern() + " from " + s.id(), next), Optional.empty())
                .isEmpty();
    }

    // --- showing the selection -----------------------------------------------------------------

    private void refreshUnlessApplying() {
        if (!applying) {
            refresh();
        }
    }

    private void refresh() {
        Topology t = document.topology();
        Set<String> selected = canvas.selectionProperty().get();
        Optional<Node> node = Optional.empty();
        Optional<Edge> edge = Optional.empty();
        if (selected.size() == 1) {
            String one = selected.iterator().next();
            node = t.node(one);
            edge = node.isPresent() ? Optional.empty() : t.edge(one);
        }
        Showing now = selected.size() > 1 ? Showing.MANY
                : node.isPresent() ? Showing.NODE : edge.isPresent() ? Showing.EDGE : Showing.DESIGN;
        String next = switch (now) {
            case DESIGN -> "design";
            case MANY -> "many";
            case NODE -> "node:" + node.get().id();
            case EDGE -> "edge:" + edge.get().key();
        };
        boolean fresh = !next.equals(subject);
        subject = next;
        nodeId = node.map(Node::id).orElse("");
        edgeKey = edge.map(Edge::key).orElse("");

        showDesign(t, now == Showing.DESIGN, fresh);
        showNode(t, node, fresh);
        showEdge(t, edge, fresh);
        if (now == Showing.MANY) {
            showMany(t, selected);
        }
        showing.set(now);
    }

    private void showDesign(Topology t, boolean on, boolean fresh) {
        name.setApplies(on);
        module.setApplies(on);
        if (!on) {
            return;
        }
        name.show(t.name(), fresh);
        module.show(t.module(), fresh);
        kind.set("design");
        title.set(t.name());
        subtitle.set("Design");
        summary.set(Words.count(t.nodes().size(), "node") + " · " + Words.count(t.edges().size(), "edge") + " · "
                + Words.count(t.contexts().size(), "bounded context"));
    }

    private void showNode(Topology t, Optional<Node> selected, boolean fresh) {
        Node n = selected.orElse(null);
        ServiceNode service = n instanceof ServiceNode s ? s : null;
        InfraNode infra = n instanceof InfraNode i ? i : null;
        id.setApplies(n != null);
        context.setApplies(n != null);
        port.setApplies(n != null && n.listenPort().isPresent());
        framework.setApplies(service != null);
        replicas.setApplies(service != null);
        engine.setApplies(infra != null);
        endpointsApply.set(service != null);
        showEndpoints(Optional.ofNullable(service), fresh);
        if (n == null) {
            return;
        }
        id.show(n.id(), fresh);
        context.show(contextChoices(t, n), n.context().orElse(NO_CONTEXT), fresh);
        n.listenPort().ifPresent(p -> port.show(String.valueOf(p), fresh));
        if (service != null) {
            framework.show(Arrays.stream(Framework.values()).map(f -> new Choice(f.json(), label(f))).toList(),
                    service.framework().json(), fresh);
            replicas.show(String.valueOf(service.replicas()), fresh);
        }
        if (infra != null) {
            engine.show(Engine.forKind(infra.kind()).stream().map(e -> new Choice(e.json(), label(e))).toList(),
                    infra.engine().json(), fresh);
        }
        kind.set(n.kind().json());
        title.set(n.id());
        subtitle.set(label(n.kind()) + n.context().map(c -> " in " + t.context(c).map(BoundedContext::name).orElse(c))
                .orElse(""));
        summary.set("");
    }

    private void showEndpoints(Optional<ServiceNode> service, boolean fresh) {
        List<Endpoint> list = service.map(ServiceNode::endpoints).orElse(List.of());
        if (endpoints.size() > list.size()) {
            endpoints.remove(list.size(), endpoints.size());
        }
        for (int i = 0; i < list.size(); i++) {
            if (i == endpoints.size()) {
                endpoints.add(endpointRow(i));
            }
            Endpoint ep = list.get(i);
            EndpointRow row = endpoints.get(i);
            List<Choice> methods = METHODS.stream().anyMatch(c -> c.value().equals(ep.method())) ? METHODS
                    : concat(METHODS, List.of(Choice.plain(ep.method())));
            row.method().setApplies(true);
            row.method().show(methods, ep.method(), fresh);
            row.path().setApplies(true);
            row.path().show(ep.path(), fresh);
        }
        updateEndpointsError();
    }

    private EndpointRow endpointRow(int index) {
        EndpointRow row = new EndpointRow(index,
                new ChoiceField(method -> changeEndpoint(index, Optional.of(method), Optional.empty())),
                new EditableField(path -> changeEndpoint(index, Optional.empty(), Optional.of(path))));
        row.method().errorProperty().addListener(o -> updateEndpointsError());
        row.path().errorProperty().addListener(o -> updateEndpointsError());
        row.path().setPrompt("/path/{id}");
        return row;
    }

    private void updateEndpointsError() {
        endpointsError.set(endpoints.stream()
                .flatMap(r -> Stream.of(r.method().error(), r.path().error()))
                .filter(e -> !e.isEmpty()).findFirst().orElse(""));
    }

    private void showEdge(Topology t, Optional<Edge> selected, boolean fresh) {
        Edge e = selected.orElse(null);
        edgeKind.setApplies(e != null);
        boolean pubSub = e != null && (e.kind() == EdgeKind.PUBLISH || e.kind() == EdgeKind.SUBSCRIBE);
        boolean routed = e != null && e.kind().isSynchronous() && fromGateway(t, e);
        topic.setApplies(pubSub);
        route.setApplies(routed);
        if (e == null) {
            return;
        }
        Optional<Node> from = t.node(e.from());
        Optional<Node> to = t.node(e.to());
        List<EdgeKind> kinds = from.isPresent() && to.isPresent()
                ? EdgeKindRule.allowedKinds(from.get(), to.get()) : List.of();
        if (!kinds.contains(e.kind())) {
            kinds = concat(List.of(e.kind()), kinds);
        }
        edgeKind.show(kinds.stream().map(k -> new Choice(k.json(), label(k))).toList(), e.kind().json(), fresh);
        if (pubSub) {
            topic.setPrompt(TopologyGraph.topicOf(e.withTopic(Optional.empty())) + " (the queue's id)");
            topic.show(e.topic().orElse(""), fresh);
        }
        if (routed) {
            route.setPrompt("/" + e.to());
            route.show(e.route().orElse(""), fresh);
        }
        edgeFrom.set(e.from());
        edgeTo.set(e.to());
        kind.set("edge");
        title.set(e.from() + " → " + e.to());
        subtitle.set(describe(e.kind()));
        summary.set("");
    }

    private void showMany(Topology t, Set<String> selected) {
        long nodes = selected.stream().filter(s -> t.node(s).isPresent()).count();
        long edges = selected.size() - nodes;
        kind.set("selection");
        title.set(selected.size() + " elements selected");
        subtitle.set(nodes == 0 ? Words.count(edges, "edge") : edges == 0 ? Words.count(nodes, "node")
                : Words.count(nodes, "node") + " · " + Words.count(edges, "edge"));
        summary.set("Select a single node or edge to edit its properties.");
    }

    // --- edits ---------------------------------------------------------------------------------

    private Optional<String> renameDesign(String typed) {
        Topology t = document.topology();
        if (typed.isEmpty()) {
            return Optional.of("The design needs a name, such as shop.");
        }
        if (!Names.isId(typed)) {
            return Optional.of(Names.show(typed) + " cannot name the design: " + Names.whyNotId(typed) + ".");
        }
        return apply(Edits.renameTopology(typed, followingModule(t, typed)), Optional.empty());
    }

    /**
     * The Go module after the design is renamed: one that ends in the old name ("example.com/untitled")
     * follows the new name ("example.com/billing"), in the same edit; one the user chose otherwise stays.
     */
    static String followingModule(Topology t, String newName) {
        String module = t.module();
        if (module.equals(t.name())) {
            return newName;
        }
        if (module.endsWith("/" + t.name())) {
            return module.substring(0, module.length() - t.name().length()) + newName;
        }
        return module;
    }

    private Optional<String> changeModule(String typed) {
        Topology t = document.topology();
        if (!Names.isModulePath(typed)) {
            return Optional.of((typed.isEmpty() ? "The design needs a Go module path" : Names.show(typed)
                    + " is not a Go module path") + ": use a path such as example.com/" + t.name() + ".");
        }
        return apply(Edits.of("Set Go module to " + typed, Edits.renameTopology(t.name(), typed)::execute),
                Optional.empty());
    }

    private Optional<String> renameNode(String typed) {
        Topology t = document.topology();
        String old = nodeId;
        if (typed.isEmpty()) {
            return Optional.of("A node needs an id, such as " + old + ".");
        }
        if (!Names.isId(typed)) {
            return Optional.of(Names.show(typed) + " is not a valid id: " + Names.whyNotId(typed) + ".");
        }
        Optional<Node> taken = t.node(typed);
        if (taken.isPresent()) {
            return Optional.of("The id " + typed + " is taken by another " + taken.get().kind().json() + ".");
        }
        return apply(Edits.renameNode(old, typed), Optional.of(typed));
    }

    private Optional<String> changeContext(String contextId) {
        Topology t = document.topology();
        Optional<String> next = contextId.equals(NO_CONTEXT) ? Optional.empty() : Optional.of(contextId);
        if (next.isPresent() && t.context(contextId).isEmpty()) {
            return Optional.of("The design has no bounded context " + Names.show(contextId) + ".");
        }
        String description = next.map(c -> "Move " + nodeId + " into " + t.context(c).get().name())
                .orElse("Take " + nodeId + " out of its context");
        return changeNode(description, n -> n.withContext(next));
    }

    private Optional<String> changePort(String typed) {
        Topology t = document.topology();
        if (!WHOLE_NUMBER.matcher(typed).matches()) {
            return Optional.of("A port is a whole number from " + Ports.MIN + " to " + Ports.MAX + ".");
        }
        int p = Integer.parseInt(typed);
        if (p < Ports.MIN || p > Ports.MAX) {
            return Optional.of("Port " + p + " is out of range: use " + Ports.MIN + " to " + Ports.MAX + ".");
        }
        Optional<Node> user = t.nodes().stream()
                .filter(n -> !n.id().equals(nodeId) && n.listenPort().filter(x -> x == p).isPresent()).findFirst();
        if (user.isPresent()) {
            return Optional.of("Port " + p + " is already used by " + user.get().id() + ".");
        }
        return changeNode("Set port of " + nodeId + " to " + p, n -> {
            if (n instanceof ServiceNode s) {
                return s.withPort(p);
            }
            return n instanceof GatewayNode g ? g.withPort(p) : n;
        });
    }

    private Optional<String> changeFramework(String json) {
        Optional<Framework> f = Framework.fromJson(json);
        if (f.isEmpty()) {
            return Optional.of("Topograph generates no " + Names.show(json) + " services.");
        }
        return changeNode("Set framework of " + nodeId + " to " + label(f.get()),
                n -> n instanceof ServiceNode s ? s.withFramework(f.get()) : n);
    }

    private Optional<String> changeReplicas(String typed) {
        if (!WHOLE_NUMBER.matcher(typed).matches()) {
            return Optional.of("Replicas is a whole number from 1 to " + ServiceNode.MAX_REPLICAS + ".");
        }
        int r = Integer.parseInt(typed);
        if (r < 1 || r > ServiceNode.MAX_REPLICAS) {
            return Optional.of(r + " replicas is out of range: use 1 to " + ServiceNode.MAX_REPLICAS + ".");
        }
        return changeNode("Set replicas of " + nodeId + " to " + r,
                n -> n instanceof ServiceNode s ? s.withReplicas(r) : n);
    }

    private Optional<String> changeEngine(String json) {
        Optional<Node> node = document.topology().node(nodeId);
        if (node.isEmpty() || !(node.get() instanceof InfraNode infra)) {
            return Optional.of("Only a queue, cache or database runs on an engine.");
        }
        Optional<Engine> e = Engine.fromJson(infra.kind(), json);
        if (e.isEmpty()) {
            return Optional.of("A " + infra.kind().json() + " cannot run on " + Names.show(json) + ".");
        }
        return changeNode("Set engine of " + nodeId + " to " + label(e.get()),
                n -> n instanceof InfraNode i ? i.withEngine(e.get()) : n);
    }

    private Optional<String> changeEndpoint(int index, Optional<String> method, Optional<String> path) {
        Optional<ServiceNode> service = selectedService();
        if (service.isEmpty() || index >= service.get().endpoints().size()) {
            return Optional.of("This endpoint is no longer there.");
        }
        ServiceNode s = service.get();
        Endpoint old = s.endpoints().get(index);
        Endpoint next = new Endpoint(method.orElse(old.method()), path.orElse(old.path()));
        Optional<String> problem = endpointProblem(s, index, next);
        if (problem.isPresent()) {
            return problem;
        }
        List<Endpoint> list = new ArrayList<>(s.endpoints());
        list.set(index, next);
        return apply(setEndpoints(s, "Change endpoint " + old.pattern() + " of " + s.id() + " to " + next.pattern(), list),
                Optional.empty());
    }

    private Optional<String> changeEdgeKind(String json) {
        Topology t = document.topology();
        Optional<Edge> edge = t.edge(edgeKey);
        Optional<EdgeKind> k = EdgeKind.fromJson(json);
        if (edge.isEmpty() || k.isEmpty()) {
            return Optional.of("There is no " + Names.show(json) + " edge kind.");
        }
        Edge e = edge.get();
        Optional<Node> from = t.node(e.from());
        Optional<Node> to = t.node(e.to());
        if (from.isPresent() && to.isPresent()) {
            Optional<String> refusal = EdgeKindRule.refusal(from.get(), to.get(), k.get());
            if (refusal.isPresent()) {
                return Optional.of(capitalised(refusal.get()) + ".");
            }
        }
        boolean pubSub = k.get() == EdgeKind.PUBLISH || k.get() == EdgeKind.SUBSCRIBE;
        boolean routed = k.get().isSynchronous() && fromGateway(t, e);
        Edge next = e.withKind(k.get())
                .withTopic(pubSub ? e.topic() : Optional.empty())
                .withRoute(routed ? e.route().or(() -> Optional.of("/" + e.to())) : Optional.empty());
        if (!next.key().equals(e.key()) && t.edge(next.key()).isPresent()) {
            return Optional.of("A " + k.get().json() + " edge from " + e.from() + " to " + e.to() + " exists already.");
        }
        return changeEdge("Make " + e.key() + " a " + k.get().json() + " edge", e, x -> next);
    }

    private Optional<String> changeTopic(String typed) {
        Topology t = document.topology();
        Optional<Edge> edge = t.edge(edgeKey);
        if (edge.isEmpty()) {
            return Optional.of("This edge is no longer there.");
        }
        if (!typed.isEmpty() && !Names.isTopic(typed)) {
            return Optional.of(Names.show(typed) + " is not a valid topic: use dot-separated words of letters, "
                    + "digits, _ and -, such as order.created.");
        }
        Edge e = edge.get();
        Optional<String> next = typed.isEmpty() ? Optional.empty() : Optional.of(typed);
        Edge changed = e.withTopic(next);
        if (!changed.key().equals(e.key()) && t.edge(changed.key()).isPresent()) {
            return Optional.of("Another " + e.kind().json() + " edge from " + e.from() + " to " + e.to()
                    + " already uses the topic " + TopologyGraph.topicOf(changed) + ".");
        }
        return changeEdge(next.map(x -> "Set topic of " + e.key() + " to " + x).orElse("Clear topic of " + e.key()), e,
                x -> x.withTopic(next));
    }

    private Optional<String> changeRoute(String typed) {
        Topology t = document.topology();
        Optional<Edge> edge = t.edge(edgeKey);
        if (edge.isEmpty()) {
            return Optional.of("This edge is no longer there.");
        }
        Edge e = edge.get();
        if (typed.isEmpty()) {
            return Optional.of("A gateway route needs a path prefix, such as /" + e.to() + ".");
        }
        if (!Names.isRoutePrefix(typed)) {
            return Optional.of(Names.show(typed) + " is not a valid route: use a literal path prefix such as /"
                    + e.to() + ".");
        }
        String prefix = Names.normalizeRoute(typed);
        Optional<Edge> clash = t.edges().stream()
                .filter(x -> !x.key().equals(e.key()) && x.from().equals(e.from()) && x.kind().isSynchronous())
                .filter(x -> x.route().map(Names::normalizeRoute).filter(prefix::equals).isPresent())
                .findFirst();
        if (clash.isPresent()) {
            return Optional.of("This gateway already routes " + prefix + " to " + clash.get().to() + ".");
        }
        return changeEdge("Set route of " + e.key() + " to " + typed, e, x -> x.withRoute(Optional.of(typed)));
    }

    private Optional<String> changeNode(String description, UnaryOperator<Node> change) {
        return apply(Edits.changeNode(nodeId, description, change), Optional.empty());
    }

    private Optional<String> changeEdge(String description, Edge before, UnaryOperator<Edge> change) {
        Edge after = change.apply(before);
        return apply(Edits.of(description, Edits.changeEdge(before.key(), change)::execute), Optional.of(after.key()));
    }

    private static Command setEndpoints(ServiceNode s, String description, List<Endpoint> list) {
        List<Endpoint> copy = List.copyOf(list);
        return Edits.changeNode(s.id(), description, n -> n instanceof ServiceNode x ? x.withEndpoints(copy) : n);
    }

    /** Executes the edit, keeps the edited element selected (its id or key may change) and shows the result. */
    private Optional<String> apply(Command command, Optional<String> select) {
        boolean done;
        applying = true;
        try {
            done = document.execute(command);
            if (done) {
                select.ifPresent(key -> canvas.select(List.of(key)));
            }
        } finally {
            applying = false;
        }
        refresh();
        if (done) {
            return Optional.empty();
        }
        DocumentViewModel.Notice notice = document.noticeProperty().get();
        return Optional.of(notice == null ? "The edit was refused." : capitalised(notice.text()) + ".");
    }

    // --- rules of thumb --------------------------------------------------------------------------

    private Optional<ServiceNode> selectedService() {
        return document.topology().node(nodeId).filter(ServiceNode.class::isInstance).map(ServiceNode.class::cast);
    }

    /** Why the endpoint cannot stand at {@code index} of the service's list; empty when it can. */
    private static Optional<String> endpointProblem(ServiceNode s, int index, Endpoint ep) {
        if (!Names.isHttpMethod(ep.method())) {
            return Optional.of(Names.show(ep.method()) + " is not a method: use GET, POST, PUT, PATCH or DELETE.");
        }
        if (ep.path().isEmpty()) {
            return Optional.of("An endpoint needs a path, such as /" + s.id() + ".");
        }
        if (!Names.isEndpointPath(ep.path())) {
            return Optional.of(Names.show(ep.path()) + " is not a valid path: use /segments of letters, digits and "
                    + ". _ ~ - or {name} wildcards, such as /orders/{id}.");
        }
        if (Names.RESERVED_PATHS.contains(ep.path())) {
            return Optional.of(ep.path() + " is reserved: every generated service serves /healthz and /readyz "
                    + "itself, and /metrics on its metrics port.");
        }
        Set<String> wildcards = new HashSet<>();
        for (String segment : ep.path().split("/")) {
            if (segment.startsWith("{") && !wildcards.add(segment)) {
                return Optional.of("The wildcard " + segment + " appears twice: Go's ServeMux refuses such a path.");
            }
        }
        String shape = ep.method() + " " + WILDCARD.matcher(ep.path()).replaceAll("{}");
        for (int i = 0; i < s.endpoints().size(); i++) {
            Endpoint other = s.endpoints().get(i);
            if (i != index && shape.equals(other.method() + " " + WILDCARD.matcher(other.path()).replaceAll("{}"))) {
                return Optional.of(other.pattern().equals(ep.pattern())
                        ? s.id() + " has the endpoint " + ep.pattern() + " already."
                        : ep.pattern() + " matches the same requests as " + other.pattern() + ".");
            }
        }
        return Optional.empty();
    }

    /** The first of GET /id, POST /id, GET /id/{id}, … that the service does not have yet. */
    private static Endpoint suggestedEndpoint(ServiceNode s) {
        String base = "/" + s.id();
        List<Endpoint> candidates = List.of(new Endpoint("GET", base), new Endpoint("POST", base),
                new Endpoint("GET", base + "/{id}"), new Endpoint("PUT", base + "/{id}"),
                new Endpoint("PATCH", base + "/{id}"), new Endpoint("DELETE", base + "/{id}"));
        for (Endpoint ep : candidates) {
            if (endpointProblem(s, -1, ep).isEmpty()) {
                return ep;
            }
        }
        for (int i = 2; ; i++) {
            Endpoint ep = new Endpoint("GET", base + "/new-" + i);
            if (endpointProblem(s, -1, ep).isEmpty()) {
                return ep;
            }
        }
    }

    private static boolean fromGateway(Topology t, Edge e) {
        return t.node(e.from()).map(n -> n.kind() == NodeKind.GATEWAY).orElse(false);
    }

    private static List<Choice> contextChoices(Topology t, Node n) {
        List<Choice> choices = new ArrayList<>();
        choices.add(new Choice(NO_CONTEXT, "(none)"));
        t.contexts().forEach(c -> choices.add(new Choice(c.id(), c.name())));
        // A context the file names but does not define still shows, so the field never lies.
        n.context().filter(c -> t.context(c).isEmpty()).ifPresent(c -> choices.add(new Choice(c, c + " (missing)")));
        return choices;
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static String label(NodeKind k) {
        return switch (k) {
            case SERVICE -> "Service";
            case GATEWAY -> "Gateway";
            case QUEUE -> "Queue";
            case CACHE -> "Cache";
            case DATABASE -> "Database";
        };
    }

    private static String label(Framework f) {
        return switch (f) {
            case NETHTTP -> "net/http";
            case GIN -> "Gin";
            case ECHO -> "Echo";
        };
    }

    private static String label(Engine e) {
        return switch (e) {
            case NATS -> "NATS";
            case RABBITMQ -> "RabbitMQ";
            case KAFKA -> "Kafka";
            case REDIS -> "Redis";
            case MEMCACHED -> "Memcached";
            case POSTGRES -> "PostgreSQL";
            case MYSQL -> "MySQL";
            case SQLITE -> "SQLite";
        };
    }

    private static String label(EdgeKind k) {
        return switch (k) {
            case HTTP -> "HTTP";
            case GRPC -> "gRPC";
            case PUBLISH -> "Publish";
            case SUBSCRIBE -> "Subscribe";
            case CACHE -> "Cache";
            case DB -> "Database";
        };
    }

    private static String describe(EdgeKind k) {
        return switch (k) {
            case HTTP -> "Synchronous HTTP call";
            case GRPC -> "Synchronous gRPC call";
            case PUBLISH -> "Publishes messages to a queue";
            case SUBSCRIBE -> "Consumes messages from a queue";
            case CACHE -> "Reads through a cache";
            case DB -> "Stores its data in a database";
        };
    }
}
