package dev.topograph.model.validation.rules;

import static dev.topograph.model.validation.Topologies.check;
import static dev.topograph.model.validation.Topologies.topology;
import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import org.junit.jupiter.api.Test;

class CrossContextDataRuleTest {
    private final Rule rule = new CrossContextDataRule();

    @Test
    void aServiceUsingAnotherContextsDatabaseIsAnError() {
        Topology t = topology().context("sales").context("billing")
                .service("pricing", "sales").database("billing-db", "billing")
                .db("pricing", "billing-db").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("TOPO011");
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.elementIds()).containsExactly("pricing", "billing-db", "pricing->billing-db:db");
            assertThat(d.message()).contains("pricing (context sales) uses billing-db, which belongs to context billing")
                    .contains("the boundary between the contexts leaks");
        });
    }

    @Test
    void aServiceUsingAnotherContextsCacheIsAnError() {
        Topology t = topology().context("sales").context("billing")
                .service("pricing", "sales").cache("billing-cache", "billing")
                .uses("pricing", "billing-cache").build();

        assertThat(check(rule, t)).singleElement()
                .satisfies(d -> assertThat(d.elementIds()).containsExactly("pricing", "billing-cache", "pricing->billing-cache:cache"));
    }

    @Test
    void aStoreInTheServicesOwnContextIsFine() {
        Topology t = topology().context("sales")
                .service("pricing", "sales").database("pricing-db", "sales").db("pricing", "pricing-db").build();

        assertThat(check(rule, t)).isEmpty();
    }

    @Test
    void aStoreWithoutAContextBelongsToItsUser() {
        Topology t = topology().context("sales")
                .service("pricing", "sales").database("pricing-db").db("pricing", "pricing-db").build();

        assertThat(check(rule, t)).isEmpty();
    }

    @Test
    void aServiceWithoutAContextCrossesNoBoundary() {
        Topology t = topology().context("billing")
                .service("pricing").database("billing-db", "billing").db("pricing", "billing-db").build();

        assertThat(check(rule, t)).isEmpty();
    }
}
