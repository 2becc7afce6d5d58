package dev.topograph.model.validation.rules;

import static dev.topograph.model.validation.Topologies.check;
import static dev.topograph.model.validation.Topologies.topology;
import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import org.junit.jupiter.api.Test;

class SharedDataStoreRuleTest {
    private final Rule rule = new SharedDataStoreRule();

    @Test
    void aDatabaseUsedByTwoServicesIsAnErrorWithAFix() {
        Topology t = topology().service("orders").service("invoices").database("shared-db")
                .db("orders", "shared-db").db("invoices", "shared-db").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("TOPO010");
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.elementIds()).containsExactly("shared-db", "orders", "invoices");
            assertThat(d.message()).contains("database shared-db is shared by orders, invoices")
                    .contains("a change to its schema breaks every one of them");
            assertThat(d.fix()).hasValueSatisfying(f -> assertThat(f.label()).isEqualTo("Give each service its own database"));
        });
    }

    @Test
    void aCacheUsedByThreeServicesNamesAllOfThem() {
        Topology t = topology().service("a").service("b").service("c").cache("hot")
                .uses("a", "hot").uses("b", "hot").uses("c", "hot").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.elementIds()).containsExactly("hot", "a", "b", "c");
            assertThat(d.message()).contains("The cache hot is shared by a, b, c");
        });
    }

    @Test
    void oneServiceUsingItsStoreTwiceDoesNotShareIt() {
        Topology t = topology().service("orders").database("orders-db")
                .db("orders", "orders-db")
                .edgeWithId("second", "orders", "orders-db", EdgeKind.DB)
                .build();

        assertThat(check(rule, t)).isEmpty();
    }

    @Test
    void eachServiceWithItsOwnStoreIsFine() {
        Topology t = topology().service("orders").service("invoices").database("orders-db").database("invoices-db")
                .db("orders", "orders-db").db("invoices", "invoices-db").build();

        assertThat(check(rule, t)).isEmpty();
    }

    @Test
    void anEdgeThatCannotExistDoesNotCountAsAUser() {
        // gateway → database is TOPO003's problem; it does not make the store shared.
        Topology t = topology().gateway("gw").service("orders").database("orders-db")
                .db("orders", "orders-db").edge("gw", "orders-db", EdgeKind.DB).build();

        assertThat(check(rule, t)).isEmpty();
    }
}
