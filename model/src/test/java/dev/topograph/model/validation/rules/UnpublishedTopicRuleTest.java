package dev.topograph.model.validation.rules;

import static dev.topograph.model.validation.Topologies.check;
import static dev.topograph.model.validation.Topologies.topology;
import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import org.junit.jupiter.api.Test;

class UnpublishedTopicRuleTest {
    private final Rule rule = new UnpublishedTopicRule();

    @Test
    void aQueueNobodyPublishesToIsAnError() {
        Topology t = topology().service("invoices").queue("silent-queue")
                .subscribe("silent-queue", "invoices", "invoice.requested").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("TOPO030");
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.elementIds()).containsExactly("silent-queue");
            assertThat(d.message()).contains("Nothing publishes to the queue silent-queue")
                    .contains("its subscribers would wait forever");
        });
    }

    @Test
    void aTopicSubscribedToButNeverPublishedIsAnError() {
        Topology t = topology().service("orders").service("billing").queue("events")
                .publish("orders", "events", "order.created").publish("orders", "events", "order.paid")
                .subscribe("events", "billing", "order.cancelled").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.elementIds()).containsExactly("events", "billing", "events->billing:subscribe:order.cancelled");
            assertThat(d.message()).contains("billing subscribes to \"order.cancelled\" on events")
                    .contains("nothing publishes that topic there (published: order.created, order.paid)");
        });
    }

    @Test
    void aPublishEdgeThatCannotExistPublishesNothing() {
        Topology t = topology().gateway("gw").service("billing").queue("events")
                .edge("gw", "events", EdgeKind.PUBLISH).subscribe("events", "billing", "x").build();

        assertThat(check(rule, t)).singleElement()
                .satisfies(d -> assertThat(d.elementIds()).containsExactly("events"));
    }

    @Test
    void aPublishedTopicWithSubscribersIsFine() {
        Topology t = topology().service("orders").service("billing").queue("events")
                .publish("orders", "events", "order.created").subscribe("events", "billing", "order.created").build();

        assertThat(check(rule, t)).isEmpty();
    }

    @Test
    void edgesWithoutATopicUseTheQueueId() {
        Topology t = topology().service("orders").service("billing").queue("events")
                .edge("orders", "events", EdgeKind.PUBLISH).edge("events", "billing", EdgeKind.SUBSCRIBE)
                .subscribe("events", "orders", "events").build();

        assertThat(check(rule, t)).isEmpty();
    }
}
