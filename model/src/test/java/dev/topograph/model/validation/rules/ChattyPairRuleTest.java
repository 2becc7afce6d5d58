package dev.topograph.model.validation.rules;

import static dev.topograph.model.validation.Topologies.check;
import static dev.topograph.model.validation.Topologies.topology;
import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import org.junit.jupiter.api.Test;

class ChattyPairRuleTest {
    private final Rule rule = new ChattyPairRule();

    @Test
    void twoServicesCallingEachOtherAreAWarning() {
        Topology t = topology().service("orders").service("invoices")
                .http("orders", "invoices").grpc("invoices", "orders").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("TOPO022");
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.elementIds()).containsExactly("invoices", "orders");
            assertThat(d.message()).contains("invoices and orders call each other synchronously")
                    .contains("cannot change, deploy or fail apart").contains("Merge them");
        });
    }

    @Test
    void aPairIsReportedOnceHoweverManyCallsJoinIt() {
        Topology t = topology().service("a").service("b")
                .http("a", "b").grpc("a", "b").http("b", "a").grpc("b", "a").build();

        assertThat(check(rule, t)).hasSize(1);
    }

    @Test
    void aCallOneWayIsFine() {
        Topology t = topology().service("a").service("b").http("a", "b").build();

        assertThat(check(rule, t)).isEmpty();
    }

    @Test
    void anAnswerThroughAQueueIsNotChatty() {
        Topology t = topology().service("a").service("b").queue("q")
                .http("a", "b").publish("b", "q", "b.done").subscribe("q", "a", "b.done").build();

        assertThat(check(rule, t)).isEmpty();
    }

    @Test
    void aBackEdgeThatCannotExistDoesNotMakeAPair() {
        Topology t = topology().service("a").service("b").http("a", "b").edge("b", "a", EdgeKind.DB).build();

        assertThat(check(rule, t)).isEmpty();
    }
}
