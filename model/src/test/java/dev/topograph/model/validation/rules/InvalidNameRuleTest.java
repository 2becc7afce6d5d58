package dev.topograph.model.validation.rules;

import static dev.topograph.model.validation.Topologies.check;
import static dev.topograph.model.validation.Topologies.topology;
import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import org.junit.jupiter.api.Test;

/** The rule's messages and near-misses; {@code HostileInputTest} throws hostile strings at it. */
class InvalidNameRuleTest {
    private final Rule rule = new InvalidNameRule();

    @Test
    void aServiceIdThatIsNoDnsLabelIsAnError() {
        Topology t = topology().service("Legacy_Batch").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("TOPO001");
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.elementIds()).containsExactly("Legacy_Batch");
            assertThat(d.message()).contains("The service id \"Legacy_Batch\" is not valid")
                    .contains("Ids become Go package, folder, DNS and Kubernetes names");
        });
    }

    @Test
    void aReservedEndpointPathIsAnError() {
        Topology t = topology().serviceWithEndpoints("orders", "GET /healthz").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.elementIds()).containsExactly("orders");
            assertThat(d.message()).contains("/healthz of orders is reserved")
                    .contains("every generated service serves /healthz and /readyz itself, and /metrics on its metrics port");
        });
    }

    @Test
    void anInvalidTopologyNameConcernsNoElement() {
        Topology t = topology().name("My Shop").module("example.com/shop").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.elementIds()).isEmpty();
            assertThat(d.message()).contains("The topology name \"My Shop\" is not valid")
                    .contains("It names images, labels and folders");
        });
    }

    @Test
    void anUnknownHttpMethodIsAnError() {
        Topology t = topology().serviceWithEndpoints("orders", "TRACE /orders").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> assertThat(d.message())
                .contains("The endpoint method \"TRACE\" of orders is not valid: use GET, POST, PUT, PATCH or DELETE"));
    }

    @Test
    void anEdgeIdIsCheckedToo() {
        Topology t = topology().service("a").service("b").edgeWithId("A to B", "a", "b", EdgeKind.HTTP).build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.elementIds()).containsExactly("A to B");
            assertThat(d.message()).contains("The edge id \"A to B\" is not valid");
        });
    }

    @Test
    void wellFormedNamesOfEveryKindPass() {
        String longest = "a".repeat(62) + "z";
        Topology t = topology().name("shop-2").module("example.com/team/shop_v2")
                .context("order-taking", "Order taking & Billing v1.2")
                .gateway("gw").serviceWithEndpoints(longest, "GET /", "GET /orders/{id}", "PATCH /orders/{id}/lines/{line_no}",
                        "POST /v1/orders.json", "DELETE /~user/a_b-c")
                .service("0rders").queue("q")
                .route("gw", longest, "/orders/").route("gw", "0rders", "/")
                .publish(longest, "q", "order.created_v2").subscribe("q", "0rders", "order.created_v2")
                .edgeWithId("calls-1", longest, "0rders", EdgeKind.GRPC)
                .build();

        assertThat(check(rule, t)).isEmpty();
    }
}
