package dev.topograph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.traces.Span;
import dev.topograph.app.traces.Trace;
import dev.topograph.model.file.ProjectFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code topograph traces}: the table it prints, and what it says of a design that does not run. */
class TracesCommandTest {

    @Test
    void aDesignThatDoesNotRunSaysHowToStartIt() {
        CliTest.Run r = CliTest.run("traces", "../examples/shop.topology.json", "--slowest", "3");
        assertThat(r.code()).isEqualTo(StatusCommand.NOT_RUNNING);
        assertThat(r.out()).contains("is not running").contains("topograph up");
    }

    @Test
    void eachTraceIsALineWithItsRouteTimeAndSlowestHop() throws Exception {
        String id = "0000000000000000000000000000abcd";
        Trace t = new Trace(id, List.of(
                new Span(id, "01", "", "gateway", "GET /orders/{id}", Span.Kind.SERVER, 0, 12_000_000, false,
                        Map.of("http.route", "/orders/{id}", "http.request.method", "GET")),
                new Span(id, "02", "01", "orders", "GET /orders/{id}", Span.Kind.SERVER, 1_000_000, 11_000_000, true,
                        Map.of("http.route", "/orders/{id}"))));
        StringWriter out = new StringWriter();
        TracesCommand.print(new PrintWriter(out, true),
                new ProjectFile().load(Path.of("..", "examples", "shop.topology.json")), List.of(t));
        assertThat(out.toString().lines().toList()).hasSize(2);
        assertThat(out.toString().lines().skip(1).findFirst().orElseThrow())
                .contains(id).contains("GET /orders/{id}").contains("12.0ms").contains("error")
                .contains("gateway → orders 10.0ms");
    }
}
