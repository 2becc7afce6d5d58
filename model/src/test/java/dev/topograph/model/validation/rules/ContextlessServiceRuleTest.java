package dev.topograph.model.validation.rules;

import static dev.topograph.model.validation.Topologies.check;
import static dev.topograph.model.validation.Topologies.topology;
import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import org.junit.jupiter.api.Test;

class ContextlessServiceRuleTest {
    private final Rule rule = new ContextlessServiceRule();

    @Test
    void aServiceOutsideEveryContextIsAWarningOnceContextsAreUsed() {
        Topology t = topology().context("sales").service("orders", "sales").service("reports").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("TOPO041");
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.elementIds()).containsExactly("reports");
            assertThat(d.message()).contains("reports is in no bounded context while the design uses them")
                    .contains("nobody can tell which part of the business owns it");
        });
    }

    @Test
    void aDesignWithoutContextsNeedsNone() {
        Topology t = topology().service("orders").service("reports").build();

        assertThat(check(rule, t)).isEmpty();
    }

    @Test
    void gatewaysAndInfrastructureNeedNoContext() {
        Topology t = topology().context("sales").gateway("gw").service("orders", "sales")
                .database("orders-db").queue("q").cache("c").build();

        assertThat(check(rule, t)).isEmpty();
    }
}
