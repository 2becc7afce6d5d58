package dev.topograph.app.designer.traces;

import dev.topograph.app.designer.canvas.CanvasViewModel;
import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.designer.run.LogsViewModel;
import dev.topograph.app.traces.EdgeLatency;
import dev.topograph.app.traces.Span;
import dev.topograph.app.traces.SpanStore;
import dev.topograph.app.traces.Trace;
import dev.topograph.app.traces.TraceFilter;
import dev.topograph.app.traces.TracePath;
import dev.topograph.app.ui.BackgroundTask;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.app.ui.Throttle;
import dev.topograph.app.ui.UiExecutor;
import dev.topograph.model.topology.Topology;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Traces panel: the run's recent traces (filtered by node, route, status and least time), the
 * selected one as a waterfall with its log lines, and its way through the design lit on the canvas;
 * each edge's p50/p95 from spans in its tooltip. Spans arrive on the receiver's threads; the panel
 * hears of them at most once per {@code coalesceMillis}, assembles traces in a background task, and
 * only hands finished rows to the UI thread, so the FX thread never waits on the store.
 */
public final class TracesViewModel {
    /** How often at most the list follows new spans. */
    public static final long COALESCE_MILLIS = 500;
    /** Traces listed at most (the newest that match). */
    public static final int LIST_LIMIT = 200;
    /** Traces whose hops make an edge's p50/p95. */
    static final int LATENCY_TRACES = 2000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final DocumentViewModel document;
    private final CanvasViewModel canvas;
    private final LogsViewModel logs;
    private final SpanStore store;
    private final TaskExecutor tasks;
    private final Throttle throttle;

    private final StringProperty node = new SimpleStringProperty("");
    private final StringProperty route = new SimpleStringProperty("");
    private final ObjectProperty<TraceFilter.Status> status = new SimpleObjectProperty<>(TraceFilter.Status.ANY);
    private final DoubleProperty minMillis = new SimpleDoubleProperty(0);
    private final BooleanProperty active = new SimpleBooleanProperty(false);
    private final ObservableList<TraceRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<TraceRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<List<SpanBar>> waterfall = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<String> summary = new ReadOnlyObjectWrapper<>("");
    private final ReadOnlyObjectWrapper<TraceHighlight> highlight = new ReadOnlyObjectWrapper<>(TraceHighlight.NONE);
    private final ObservableList<String> logLines = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<List<String>> nodes = new ReadOnlyObjectWrapper<>(List.of());
    private boolean refreshing;
    private boolean again;

    public TracesViewModel(DocumentViewModel document, CanvasViewModel canvas, LogsViewModel logs, SpanStore store,
            TaskExecutor tasks, UiExecutor ui, long coalesceMillis) {
        this.document = document;
        this.canvas = canvas;
        this.logs = logs;
        this.store = store;
        this.tasks = tasks;
        this.throttle = new Throttle(coalesceMillis, ui, this::refresh);
        store.listen(batch -> throttle.request());
        node.addListener(o -> refresh());
        route.addListener(o -> refresh());
        status.addListener(o -> refresh());
        minMillis.addListener(o -> refresh());
        active.addListener((o, was, now) -> {
            if (now) {
                refresh();
            }
        });
        selected.addListener((o, old, now) -> showSelected());
        document.topologyProperty().addListener(o -> nodes.set(serviceIds()));
        nodes.set(serviceIds());
    }

    private List<String> serviceIds() {
        List<String> out = new ArrayList<>();
        out.add("");
        document.topology().nodes().stream().filter(n -> n.listenPort().isPresent()).map(n -> n.id()).sorted()
                .forEach(out::add);
        return out;
    }

    /** Only traces through this node ("" for all). */
    public StringProperty nodeProperty() {
        return node;
    }

    /** Only traces on routes that start with this ("" for all). */
    public StringProperty routeProperty() {
        return route;
    }

    public ObjectProperty<TraceFilter.Status> statusProperty() {
        return status;
    }

    /** Only traces that took at least this long. */
    public DoubleProperty minMillisProperty() {
        return minMillis;
    }

    /** The panel is in view: the list follows new spans (out of view it waits, at no cost). */
    public BooleanProperty activeProperty() {
        return active;
    }

    /** The nodes to filter by: "" (all) then each program of the design. */
    public ReadOnlyObjectProperty<List<String>> nodesProperty() {
        return nodes.getReadOnlyProperty();
    }

    /** The newest traces that match, newest first. */
    public ObservableList<TraceRow> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    /** The trace shown in the waterfall and on the canvas. */
    public ObjectProperty<TraceRow> selectedProperty() {
        return selected;
    }

    /** The selected trace's spans as bars, in start order. */
    public ReadOnlyObjectProperty<List<SpanBar>> waterfallProperty() {
        return waterfall.getReadOnlyProperty();
    }

    /** A line on the selected trace: its route, time, spans and slowest hop. */
    public ReadOnlyObjectProperty<String> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The selected trace's way through the design, for the canvas. */
    public ReadOnlyObjectProperty<TraceHighlight> highlightProperty() {
        return highlight.getReadOnlyProperty();
    }

    /** The run's log lines that carry the selected trace's id, from every node it went through. */
    public ObservableList<String> logLines() {
        return FXCollections.unmodifiableObservableList(logLines);
    }

    /** A span was chosen in the waterfall: its node is selected on the canvas. */
    public void selectSpan(SpanBar bar) {
        if (document.topology().node(bar.node()).isPresent()) {
            canvas.select(List.of(bar.node()));
        }
    }

    /** Lists the traces again now (a filter changed, the panel came into view, spans came). */
    public void refresh() {
        if (!active.get()) {
            return;
        }
        if (refreshing) {
            again = true; // one refresh at a time; the last change is not lost
            return;
        }
        refreshing = true;
        TraceFilter filter = filter();
        Topology topology = document.topology();
        BackgroundTask.wrap(() -> snapshot(filter, topology)).onSuccess(this::show).onFailure(e -> done())
                .executeWith(tasks);
    }

    private TraceFilter filter() {
        return TraceFilter.ALL.withNode(node.get()).withRoute(route.get())
                .withStatus(status.get() == null ? TraceFilter.Status.ANY : status.get())
                .withMinDurationNanos((long) (minMillis.get() * 1e6));
    }

    private record Snapshot(List<TraceRow> rows, Map<String, EdgeLatency> latency) {
    }

    /** In the background: the rows, and the edges' latencies from the newest traces. */
    private Snapshot snapshot(TraceFilter filter, Topology topology) {
        List<TraceRow> list = store.recent(filter, LIST_LIMIT).stream().map(t -> row(t, topology)).toList();
        return new Snapshot(list, EdgeLatency.of(store.recent(TraceFilter.ALL, LATENCY_TRACES), topology));
    }

    private void show(Snapshot s) {
        String keep = selected.get() == null ? null : selected.get().traceId();
        rows.setAll(s.rows());
        if (keep != null) {
            s.rows().stream().filter(r -> r.traceId().equals(keep)).findFirst().ifPresent(selected::set);
        }
        Map<String, String> notes = new HashMap<>();
        s.latency().forEach((edge, l) -> notes.put(edge, String.format(Locale.ROOT, "spans: p50 %s · p95 %s (%d hops)",
                ms(l.p50Nanos()), ms(l.p95Nanos()), l.hops())));
        canvas.showEdgeNotes(notes);
        done();
    }

    private void done() {
        refreshing = false;
        if (again) {
            again = false;
            refresh();
        }
    }

    static TraceRow row(Trace t, Topology topology) {
        String hop = TracePath.slowest(TracePath.of(t, topology))
                .map(h -> h.from() + " → " + h.to() + " " + ms(h.nanos())).orElse("");
        Span root = t.root();
        String method = root.attribute("http.request.method").or(() -> root.attribute("http.method"))
                .map(m -> m + " ").orElse("");
        return new TraceRow(t.traceId(), TIME.format(Instant.ofEpochSecond(0, t.startNanos())), method + t.route(),
                String.join(" → ", t.nodes()), t.spans().size(), t.durationNanos() / 1e6, t.error(), hop);
    }

    /** The selected trace into the waterfall, the canvas and the log lines; cheap: one trace, on the UI thread. */
    private void showSelected() {
        TraceRow row = selected.get();
        Optional<Trace> trace = row == null ? Optional.empty() : store.trace(row.traceId());
        if (trace.isEmpty()) {
            waterfall.set(List.of());
            summary.set("");
            highlight.set(TraceHighlight.NONE);
            logLines.clear();
            return;
        }
        Trace t = trace.get();
        double total = Math.max(1, t.durationNanos());
        waterfall.set(t.spans().stream().map(s -> new SpanBar(s.spanId(), s.node(), s.name(),
                s.kind().name().toLowerCase(Locale.ROOT), t.depth(s), (s.startNanos() - t.startNanos()) / total,
                s.durationNanos() / total, s.durationNanos() / 1e6, s.error(), details(s))).toList());
        List<TracePath.Hop> hops = TracePath.of(t, document.topology());
        Optional<TracePath.Hop> slowest = TracePath.slowest(hops);
        List<TraceHighlight.Hop> marks = new ArrayList<>();
        for (int i = 0; i < hops.size(); i++) {
            TracePath.Hop h = hops.get(i);
            marks.add(new TraceHighlight.Hop(h.from(), h.to(), i + 1, ms(h.nanos()),
                    slowest.isPresent() && slowest.get() == h));
        }
        highlight.set(new TraceHighlight(marks));
        summary.set(row.route() + " · " + ms(t.durationNanos()) + " · " + t.spans().size() + " spans"
                + slowest.map(h -> " · slowest hop " + h.from() + " → " + h.to() + " " + ms(h.nanos())).orElse(""));
        logLines.setAll(t.nodes().stream().flatMap(n -> logs.linesWith(n, t.traceId()).stream().map(l -> n + "  " + l))
                .collect(Collectors.toList()));
    }

    private static String details(Span s) {
        StringBuilder b = new StringBuilder(s.node() + " · " + s.name() + " · " + s.kind().name().toLowerCase(Locale.ROOT)
                + " · " + ms(s.durationNanos()) + (s.error() ? " · error" : ""));
        s.attributes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> b.append('\n').append(e.getKey()).append(" = ").append(e.getValue()));
        return b.toString();
    }

    static String ms(long nanos) {
        double ms = nanos / 1e6;
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.1f ms", ms);
    }
}
