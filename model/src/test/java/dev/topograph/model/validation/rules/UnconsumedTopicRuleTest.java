package dev.topograph.model.validation.rules;

import static dev.topograph.model.validation.Topologies.check;
import static dev.topograph.model.validation.Topologies.topology;
import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import org.junit.jupiter.api.Test;

class UnconsumedTopicRuleTest {
    private final Rule rule = new UnconsumedTopicRule();

    @Test
    void aQueueNobodySubscribesToIsAWarning() {
        Topology t = topology().service("reports").queue("unread-queue")
                .publish("reports", "unread-queue", "report.ready").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("TOPO031");
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.elementIds()).containsExactly("unread-queue");
            assertThat(d.message()).contains("Nothing subscribes to the queue unread-queue")
                    .contains("its messages pile up unread");
        });
    }

    @Test
    void aTopicPublishedButNeverSubscribedToIsAWarning() {
        Topology t = topology().service("orders").service("billing").queue("events")
                .publish("orders", "events", "order.created").publish("orders", "events", "order.deleted")
                .subscribe("events", "billing", "order.created").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.elementIds()).containsExactly("events", "orders", "orders->events:publish:order.deleted");
            assertThat(d.message()).contains("orders publishes \"order.deleted\" on events")
                    .contains("nothing subscribes to that topic there");
        });
    }

    @Test
    void aSubscribedTopicIsFine() {
        Topology t = topology().service("orders").service("billing").service("audit").queue("events")
                .publish("orders", "events", "order.created")
                .subscribe("events", "billing", "order.created").subscribe("events", "audit", "order.created").build();

        assertThat(check(rule, t)).isEmpty();
    }

    @Test
    void edgesWithoutATopicUseTheQueueId() {
        Topology t = topology().service("orders").service("billing").queue("events")
                .edge("orders", "events", EdgeKind.PUBLISH).subscribe("events", "billing", "events").build();

        assertThat(check(rule, t)).isEmpty();
    }
}
