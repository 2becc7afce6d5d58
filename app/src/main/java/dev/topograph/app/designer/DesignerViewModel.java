package dev.topograph.app.designer;

import dev.topograph.app.ui.UiExecutor;
import dev.topograph.model.command.CommandStack;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.BoundedContext;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.InfraNode;
import dev.topograph.model.topology.Layout;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.Validator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * State of the designer window: the open topology (through its command stack), what the
 * canvas draws, and the problems found. The view only binds to these properties.
 */
public final class DesignerViewModel {
    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "topograph-files");
        t.setDaemon(true);
        return t;
    });

    private final UiExecutor ui;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Topograph");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("No topology open");
    private final ReadOnlyObjectWrapper<List<DrawnNode>> nodes = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<DrawnEdge>> edges = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<DrawnContext>> contexts = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<ProblemItem>> problems = new ReadOnlyObjectWrapper<>(List.of());
    private CommandStack stack = new CommandStack(Topology.empty("untitled"));

    public DesignerViewModel(UiExecutor ui) {
        this.ui = ui;
    }

    /** Loads a topology off the UI thread, then shows it; a broken file leaves the current one open. */
    public void open(Path file) {
        status.set("Opening " + file.getFileName() + "…");
        CompletableFuture.supplyAsync(() -> {
            try {
                return new ProjectFile().load(file);
            } catch (dev.topograph.model.file.ProjectFileException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, BACKGROUND).whenCompleteAsync((topology, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                status.set("Could not open " + file.getFileName() + ": " + cause.getMessage());
                return;
            }
            stack = new CommandStack(topology);
            stack.addListener(this::show);
            title.set(topology.name() + " — " + file.getFileName() + " — Topograph");
            show(topology);
        }, ui);
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<DrawnNode>> nodesProperty() {
        return nodes.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<DrawnEdge>> edgesProperty() {
        return edges.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<DrawnContext>> contextsProperty() {
        return contexts.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<ProblemItem>> problemsProperty() {
        return problems.getReadOnlyProperty();
    }

    private void show(Topology topology) {
        List<Diagnostic> found = new Validator().validate(topology);
        Set<String> withError = new HashSet<>();
        Set<String> withWarning = new HashSet<>();
        for (Diagnostic d : found) {
            (d.isError() ? withError : withWarning).addAll(d.elementIds());
        }
        Map<String, DrawnNode> drawn = new HashMap<>();
        List<DrawnNode> nodeItems = new ArrayList<>();
        int i = 0;
        for (Node n : topology.nodes()) {
            Layout at = n.layout().orElse(new Layout(40 + (i % 6) * 220.0, 40 + (i / 6) * 140.0));
            DrawnNode item = new DrawnNode(n.id(), n.kind().json(), detail(n), at.x(), at.y(),
                    withError.contains(n.id()), withWarning.contains(n.id()));
            drawn.putIfAbsent(n.id(), item);
            nodeItems.add(item);
            i++;
        }
        List<DrawnEdge> edgeItems = new ArrayList<>();
        for (Edge e : topology.edges()) {
            DrawnNode a = drawn.get(e.from());
            DrawnNode b = drawn.get(e.to());
            if (a != null && b != null) {
                String label = e.route().or(e::topic).orElse(e.kind().json());
                edgeItems.add(new DrawnEdge(a.x() + DrawnNode.WIDTH / 2, a.y() + DrawnNode.HEIGHT / 2,
                        b.x() + DrawnNode.WIDTH / 2, b.y() + DrawnNode.HEIGHT / 2, e.kind().json(), label,
                        e.kind().isSynchronous()));
            }
        }
        List<DrawnContext> contextItems = new ArrayList<>();
        for (BoundedContext c : topology.contexts()) {
            List<DrawnNode> members = topology.nodes().stream()
                    .filter(n -> n.context().filter(c.id()::equals).isPresent())
                    .map(n -> drawn.get(n.id())).toList();
            if (!members.isEmpty()) {
                double minX = members.stream().mapToDouble(DrawnNode::x).min().orElse(0) - 20;
                double minY = members.stream().mapToDouble(DrawnNode::y).min().orElse(0) - 36;
                double maxX = members.stream().mapToDouble(DrawnNode::x).max().orElse(0) + DrawnNode.WIDTH + 20;
                double maxY = members.stream().mapToDouble(DrawnNode::y).max().orElse(0) + DrawnNode.HEIGHT + 20;
                contextItems.add(new DrawnContext(c.name(), minX, minY, maxX - minX, maxY - minY));
            }
        }
        // Nodes last: the view redraws when they change, and by then edges and contexts are current.
        edges.set(List.copyOf(edgeItems));
        contexts.set(List.copyOf(contextItems));
        nodes.set(List.copyOf(nodeItems));
        problems.set(found.stream().map(d -> new ProblemItem(d.isError(), d.code(),
                String.join(", ", d.elementIds()), d.message())).toList());
        long errors = found.stream().filter(Diagnostic::isError).count();
        status.set(topology.nodes().size() + " nodes, " + topology.edges().size() + " edges — "
                + errors + " errors, " + (found.size() - errors) + " warnings");
    }

    private static String detail(Node n) {
        if (n instanceof ServiceNode s) {
            return ":" + s.port() + " · " + s.framework().json() + (s.replicas() > 1 ? " ×" + s.replicas() : "");
        }
        if (n instanceof InfraNode infra) {
            return infra.engine().json();
        }
        return n.listenPort().map(p -> ":" + p).orElse("");
    }
}
