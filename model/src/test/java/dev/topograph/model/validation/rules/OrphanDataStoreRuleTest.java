package dev.topograph.model.validation.rules;

import static dev.topograph.model.validation.Topologies.check;
import static dev.topograph.model.validation.Topologies.topology;
import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import org.junit.jupiter.api.Test;

class OrphanDataStoreRuleTest {
    private final Rule rule = new OrphanDataStoreRule();

    @Test
    void aDatabaseNoServiceUsesIsAWarning() {
        Topology t = topology().service("orders").database("forgotten-db").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("TOPO012");
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.elementIds()).containsExactly("forgotten-db");
            assertThat(d.message()).contains("No service uses the database forgotten-db").contains("nobody owns its data");
        });
    }

    @Test
    void aCacheReachedOnlyByAnEdgeThatCannotExistHasNoOwner() {
        Topology t = topology().gateway("gw").cache("hot").edge("gw", "hot", EdgeKind.CACHE).build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.elementIds()).containsExactly("hot");
            assertThat(d.message()).contains("No service uses the cache hot");
        });
    }

    @Test
    void aStoreWithAServiceIsOwned() {
        Topology t = topology().service("orders").database("orders-db").cache("orders-cache")
                .db("orders", "orders-db").uses("orders", "orders-cache").build();

        assertThat(check(rule, t)).isEmpty();
    }

    @Test
    void aQueueIsNotADataStore() {
        Topology t = topology().queue("lonely").build();

        assertThat(check(rule, t)).isEmpty();
    }
}
