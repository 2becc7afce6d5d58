package dev.topograph.app.designer.run;

import dev.topograph.app.designer.canvas.RunBadge;
import dev.topograph.app.launch.LogLine;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Logs panel: the lines of the run's nodes, one node at a time, filtered as the user types.
 * Keeps the last {@value #LINES_PER_SOURCE} lines of each node (the launcher's own window), each
 * cut at {@value #LINE_CHARS} characters, so a run's logs take bounded memory however long it runs
 * and however much its services write. Fed by {@link RunViewModel} on the UI thread, in batches.
 */
public final class LogsViewModel {
    /** Lines kept per node, as many as the launcher keeps. */
    public static final int LINES_PER_SOURCE = 2000;
    /** A longer line (a JSON dump, a base64 blob) is cut here. */
    static final int LINE_CHARS = 4000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final Map<LogSource, ArrayDeque<LogRow>> buffers = new LinkedHashMap<>();
    private final ReadOnlyObjectWrapper<List<LogSource>> sources = new ReadOnlyObjectWrapper<>(List.of());
    private final ObjectProperty<LogSource> selected = new SimpleObjectProperty<>();
    private final StringProperty filter = new SimpleStringProperty("");
    private final BooleanProperty follow = new SimpleBooleanProperty(true);
    private final ObservableList<LogRow> rows = FXCollections.observableArrayList();
    private final ObservableList<LogRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyObjectWrapper<Map<String, RunBadge>> badges = new ReadOnlyObjectWrapper<>(Map.of());

    LogsViewModel() {
        selected.addListener((o, old, now) -> refill());
        filter.addListener((o, old, now) -> refill());
    }

    /** The run and its nodes, in the order they start. */
    public ReadOnlyObjectProperty<List<LogSource>> sourcesProperty() {
        return sources.getReadOnlyProperty();
    }

    /** Whose lines show; the panel's list and the canvas selection set it. */
    public ObjectProperty<LogSource> selectedProperty() {
        return selected;
    }

    /** Shows only lines containing this text (any case). */
    public StringProperty filterProperty() {
        return filter;
    }

    /** Keeps the newest line in view as lines arrive. */
    public BooleanProperty followProperty() {
        return follow;
    }

    /** The lines that show: the selected node's, filtered; appended to as lines arrive. */
    public ObservableList<LogRow> rows() {
        return readOnlyRows;
    }

    /** The nodes' run states, for the list of nodes. */
    public ReadOnlyObjectProperty<Map<String, RunBadge>> badgesProperty() {
        return badges.getReadOnlyProperty();
    }

    /** Shows the lines of {@code node}, if the run has it. */
    public boolean select(String node) {
        for (LogSource s : sources.get()) {
            if (s.node().equals(node)) {
                selected.set(s);
                return true;
            }
        }
        return false;
    }

    /** Whether the run has lines of this node (or will have). */
    public boolean has(String node) {
        return buffers.containsKey(LogSource.of(node));
    }

    /** The lines of a node that contain {@code needle} (a trace id), oldest first, with their times. */
    public List<String> linesWith(String node, String needle) {
        ArrayDeque<LogRow> buffer = buffers.get(LogSource.of(node));
        if (buffer == null || needle.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (LogRow row : buffer) {
            if (row.text().contains(needle)) {
                out.add(row.time() + "  " + row.text());
            }
        }
        return out;
    }

    // --- fed by RunViewModel, on the UI thread ---------------------------------------------

    /** Forgets every line: a new run begins. */
    void clear() {
        buffers.clear();
        buffers.put(LogSource.RUN, new ArrayDeque<>());
        sources.set(List.of(LogSource.RUN));
        selected.set(null);
        rows.clear();
    }

    /** Makes room for the lines of these nodes; the first node shows if nothing was chosen yet. */
    void addNodes(Collection<String> nodes) {
        boolean added = false;
        for (String node : nodes) {
            if (buffers.putIfAbsent(LogSource.of(node), new ArrayDeque<>()) == null) {
                added = true;
            }
        }
        if (added) {
            sources.set(List.copyOf(buffers.keySet()));
        }
        if (selected.get() == null && sources.get().size() > 1) {
            selected.set(sources.get().get(1));
        }
    }

    void showBadges(Map<String, RunBadge> now) {
        badges.set(now);
    }

    /** Adds a batch of lines, in the order they were written. */
    void append(List<LogLine> lines) {
        LogSource shown = selected.get();
        String needle = needle();
        List<LogRow> visible = new ArrayList<>();
        List<String> newNodes = new ArrayList<>();
        for (LogLine line : lines) {
            LogSource source = LogSource.of(line.node());
            ArrayDeque<LogRow> buffer = buffers.get(source);
            if (buffer == null) {
                newNodes.add(line.node());
                buffer = new ArrayDeque<>();
                buffers.put(source, buffer);
            }
            String text = line.text().length() > LINE_CHARS ? line.text().substring(0, LINE_CHARS) + " …" : line.text();
            LogRow row = new LogRow(TIME.format(line.time()), text, line.fromLauncher());
            buffer.addLast(row);
            if (buffer.size() > LINES_PER_SOURCE) {
                buffer.removeFirst();
            }
            if (source.equals(shown) && matches(row, needle)) {
                visible.add(row);
            }
        }
        if (!newNodes.isEmpty()) {
            sources.set(List.copyOf(buffers.keySet()));
        }
        if (visible.isEmpty()) {
            return;
        }
        int overflow = rows.size() + visible.size() - LINES_PER_SOURCE;
        if (overflow >= rows.size()) {
            rows.setAll(visible.subList(Math.max(0, visible.size() - LINES_PER_SOURCE), visible.size()));
            return;
        }
        if (overflow > 0) {
            rows.remove(0, overflow);
        }
        rows.addAll(visible);
    }

    private void refill() {
        LogSource shown = selected.get();
        ArrayDeque<LogRow> buffer = shown == null ? null : buffers.get(shown);
        if (buffer == null) {
            rows.clear();
            return;
        }
        String needle = needle();
        List<LogRow> visible = new ArrayList<>(buffer.size());
        for (LogRow row : buffer) {
            if (matches(row, needle)) {
                visible.add(row);
            }
        }
        rows.setAll(visible);
    }

    private String needle() {
        String f = filter.get();
        return f == null ? "" : f.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean matches(LogRow row, String needle) {
        return needle.isEmpty() || row.text().toLowerCase(Locale.ROOT).contains(needle);
    }
}
