package dev.topograph.model.validation.rules;

import static dev.topograph.model.validation.Topologies.check;
import static dev.topograph.model.validation.Topologies.topology;
import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadServiceRuleTest {
    private final Rule rule = new DeadServiceRule();

    @Test
    void aServiceNothingReachesIsAWarning() {
        Topology t = topology().gateway("gw").service("orders").service("reports").route("gw", "orders", "/orders").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("TOPO050");
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.elementIds()).containsExactly("reports");
            assertThat(d.message()).contains("Nothing reaches reports").contains("it can never be asked to do anything");
        });
    }

    @Test
    void servicesCalledOnlyByDeadServicesAreDeadToo() {
        Topology t = topology().service("batch").service("helper").queue("q")
                .http("batch", "helper").publish("batch", "q", "x").build();

        assertThat(check(rule, t)).extracting(Diagnostic::elementIds)
                .containsExactly(List.of("batch"), List.of("helper"));
    }

    @Test
    void servicesReachedFromAGatewayOrAQueueAreAlive() {
        Topology t = topology().gateway("gw").service("orders").service("catalog").service("stock").service("billing")
                .queue("q")
                .route("gw", "orders", "/orders").http("orders", "catalog").grpc("catalog", "stock")
                .publish("orders", "q", "order.created").subscribe("q", "billing", "order.created").build();

        assertThat(check(rule, t)).isEmpty();
    }
}
