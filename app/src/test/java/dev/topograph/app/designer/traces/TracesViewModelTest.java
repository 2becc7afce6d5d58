package dev.topograph.app.designer.traces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.designer.canvas.CanvasViewModel;
import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.designer.problems.ProblemsViewModel;
import dev.topograph.app.designer.run.FakeRunService;
import dev.topograph.app.designer.run.RunViewModel;
import dev.topograph.app.traces.Span;
import dev.topograph.app.traces.TraceFilter;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.app.ui.UiExecutor;
import dev.topograph.model.file.ProjectFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Traces panel without a window: it follows the store only while in view, filters, and lights a trace. */
class TracesViewModelTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "shop.topology.json");
    private final FakeRunService service = new FakeRunService();
    private final DocumentViewModel document = new DocumentViewModel(TaskExecutor.synchronous());
    private final CanvasViewModel canvas = new CanvasViewModel(document, TaskExecutor.synchronous());
    private final List<Runnable> queued = new ArrayList<>();
    private TracesViewModel traces;

    @BeforeEach
    void open() throws Exception {
        document.show(new ProjectFile().load(EXAMPLE), Optional.of(EXAMPLE), false);
        RunViewModel run = new RunViewModel(document, new ProblemsViewModel(document, TaskExecutor.synchronous(), 0),
                TaskExecutor.synchronous(), UiExecutor.direct(), service, 0);
        traces = new TracesViewModel(document, canvas, run.logs(), service.spans, TaskExecutor.synchronous(),
                queued::add, 0);
    }

    private void request(int n, String route, String node, long millis, boolean error) {
        String t = String.format("%032x", n + 1);
        service.spans.add(List.of(
                new Span(t, "0000000000000001", "", "gateway", "GET " + route, Span.Kind.SERVER, n, n + 1_000_000 * millis,
                        false, Map.of("http.route", route)),
                new Span(t, "0000000000000002", "0000000000000001", "gateway", "GET", Span.Kind.CLIENT, n + 10,
                        n + 1_000_000 * millis - 10, false, Map.of()),
                new Span(t, "0000000000000003", "0000000000000002", node, "GET " + route, Span.Kind.SERVER, n + 20,
                        n + 1_000_000 * millis - 20, error, Map.of("http.route", route))));
    }

    private void deliver() {
        while (!queued.isEmpty()) {
            queued.remove(0).run();
        }
    }

    @Test
    void outOfViewTheStoreFillsAndThePanelWaitsThenShowsEverythingAtOnce() {
        request(1, "/orders", "orders", 5, false);
        deliver();
        assertThat(traces.rows()).isEmpty();
        traces.activeProperty().set(true);
        assertThat(traces.rows()).hasSize(1);
        request(2, "/orders", "orders", 6, false);
        request(3, "/products", "catalog", 7, false);
        assertThat(queued).as("one hand-off to the UI for a burst of batches").hasSize(1);
        deliver();
        assertThat(traces.rows()).extracting(TraceRow::route).containsExactly("/products", "/orders", "/orders");
    }

    @Test
    void filtersNarrowTheListAndASelectedTraceLightsItsHopsAndSelectsASpansNode() {
        traces.activeProperty().set(true);
        request(1, "/orders", "orders", 5, false);
        request(2, "/orders", "orders", 50, true);
        request(3, "/products", "catalog", 7, false);
        deliver();
        traces.nodeProperty().set("catalog");
        assertThat(traces.rows()).extracting(TraceRow::route).containsExactly("/products");
        traces.nodeProperty().set("");
        traces.statusProperty().set(TraceFilter.Status.ERROR);
        assertThat(traces.rows()).extracting(TraceRow::millis).containsExactly(50.0);
        traces.statusProperty().set(TraceFilter.Status.ANY);
        traces.minMillisProperty().set(6);
        traces.routeProperty().set("/orders");
        assertThat(traces.rows()).hasSize(1);

        traces.selectedProperty().set(traces.rows().get(0));
        assertThat(traces.waterfallProperty().get()).extracting(SpanBar::depth).containsExactly(0, 1, 2);
        assertThat(traces.highlightProperty().get().hops()).singleElement()
                .satisfies(h -> assertThat(h.from() + "->" + h.to() + " " + h.label()).isEqualTo("gateway->orders 50.0 ms"));
        traces.selectSpan(traces.waterfallProperty().get().get(2));
        assertThat(canvas.selectionProperty().get()).containsExactly("orders");
    }
}
