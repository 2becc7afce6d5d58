package dev.topograph.model.validation.rules;

import static dev.topograph.model.validation.Topologies.check;
import static dev.topograph.model.validation.Topologies.topology;
import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.GatewayNode;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import org.junit.jupiter.api.Test;

class DuplicateRuleTest {
    private final Rule rule = new DuplicateRule();

    @Test
    void twoNodesWithOneIdAreAnError() {
        Topology t = topology().service("orders").database("orders").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("TOPO002");
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.elementIds()).containsExactly("orders");
            assertThat(d.message()).contains("Two nodes have the id \"orders\"")
                    .contains("edges and generated folders could not tell them apart");
        });
    }

    @Test
    void twoNodesOnOnePortAreAnError() {
        Topology t = topology().serviceOnPort("coupons", 8085).serviceOnPort("vouchers", 8085)
                .node(GatewayNode.of("gw", 8085)).serviceOnPort("other", 8086).build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.elementIds()).containsExactly("coupons", "vouchers", "gw");
            assertThat(d.message()).contains("coupons, vouchers, gw all listen on port 8085")
                    .contains("only one of them could start");
        });
    }

    @Test
    void twoEdgesKnownByOneKeyAreAnError() {
        Topology t = topology().service("a").service("b").http("a", "b").http("a", "b").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.elementIds()).containsExactly("a->b:http");
            assertThat(d.message()).contains("Two edges are both known as a->b:http");
        });
    }

    @Test
    void twoContextsWithOneIdAreAnError() {
        Topology t = topology().context("sales", "Sales").context("sales", "More sales").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.elementIds()).containsExactly("sales");
            assertThat(d.message()).contains("Two bounded contexts have the id \"sales\"");
        });
    }

    @Test
    void anEndpointListedTwiceIsAnError() {
        Topology t = topology().serviceWithEndpoints("orders", "GET /orders", "POST /orders", "GET /orders").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.elementIds()).containsExactly("orders");
            assertThat(d.message()).contains("orders lists the endpoint GET /orders twice");
        });
    }

    @Test
    void endpointsThatDifferOnlyInWildcardNamesAreAnError() {
        Topology t = topology().serviceWithEndpoints("orders", "GET /orders/{id}", "GET /orders/{orderId}").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.elementIds()).containsExactly("orders");
            assertThat(d.message()).contains("orders lists GET /orders/{id} and GET /orders/{orderId}")
                    .contains("match the same requests");
        });
    }

    @Test
    void sameShapeWithAnotherMethodOrALiteralSegmentIsFine() {
        Topology t = topology().serviceWithEndpoints("orders",
                "GET /orders/{id}", "PUT /orders/{id}", "GET /orders/new", "GET /orders/{id}/lines/{line}").build();

        assertThat(check(rule, t)).isEmpty();
    }

    @Test
    void distinctIdsPortsAndEdgesAreFine() {
        Topology t = topology().context("sales").service("a").service("b").queue("q").database("db").cache("c")
                .serviceWithEndpoints("orders", "GET /orders", "POST /orders", "GET /orders/{id}")
                .http("a", "b").grpc("a", "b").edgeWithId("second-call", "a", "b", EdgeKind.HTTP)
                .publish("a", "q", "one").publish("a", "q", "two")
                .build();

        assertThat(check(rule, t)).isEmpty();
    }
}
