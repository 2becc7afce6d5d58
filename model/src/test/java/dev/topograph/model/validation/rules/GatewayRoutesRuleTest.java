package dev.topograph.model.validation.rules;

import static dev.topograph.model.validation.Topologies.check;
import static dev.topograph.model.validation.Topologies.topology;
import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import org.junit.jupiter.api.Test;

class GatewayRoutesRuleTest {
    private final Rule rule = new GatewayRoutesRule();

    @Test
    void aGatewayWithNoRoutesIsAnError() {
        Topology t = topology().gateway("admin-gateway").service("orders").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("TOPO051");
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.elementIds()).containsExactly("admin-gateway");
            assertThat(d.message()).contains("The gateway admin-gateway routes to no service")
                    .contains("every request to it would get 404");
        });
    }

    @Test
    void twoRoutesWithOnePrefixAreAnError() {
        Topology t = topology().gateway("gw").service("pricing").service("everything")
                .route("gw", "pricing", "/prices").route("gw", "everything", "/prices/").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.elementIds()).containsExactly("gw", "gw->pricing:http", "gw->everything:http");
            assertThat(d.message()).contains("routes the prefix /prices to pricing and everything")
                    .contains("only one of them can get those requests");
        });
    }

    @Test
    void aRouteWithoutAPrefixIsAnError() {
        Topology t = topology().gateway("gw").service("orders").http("gw", "orders").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.elementIds()).containsExactly("gw", "gw->orders:http");
            assertThat(d.message()).contains("has no path prefix").contains("Set a route such as /orders");
        });
    }

    @Test
    void distinctAndNestedPrefixesAreFine() {
        Topology t = topology().gateway("gw").service("orders").service("order-items").service("catalog")
                .route("gw", "orders", "/orders").route("gw", "order-items", "/orders/items")
                .route("gw", "catalog", "/catalog").http("orders", "catalog").build();

        assertThat(check(rule, t)).isEmpty();
    }
}
