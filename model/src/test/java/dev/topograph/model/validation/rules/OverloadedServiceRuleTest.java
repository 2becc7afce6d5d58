package dev.topograph.model.validation.rules;

import static dev.topograph.model.validation.Topologies.check;
import static dev.topograph.model.validation.Topologies.topology;
import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import dev.topograph.model.validation.Topologies.Builder;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OverloadedServiceRuleTest {
    private final Rule rule = new OverloadedServiceRule();

    private static String[] endpoints(int count) {
        return IntStream.range(0, count).mapToObj(i -> "GET /r" + i).toArray(String[]::new);
    }

    /** A service {@code hub} that calls {@code count} other services. */
    private static Builder hubCalling(int count) {
        Builder b = topology().service("hub");
        for (int i = 0; i < count; i++) {
            b.service("dep" + i).http("hub", "dep" + i);
        }
        return b;
    }

    @Test
    void nineEndpointsAreTooMany() {
        Topology t = topology().serviceWithEndpoints("everything", endpoints(9)).build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("TOPO040");
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.elementIds()).containsExactly("everything");
            assertThat(d.message()).contains("everything has 9 endpoints (more than 8)")
                    .contains("it probably does more than one job");
        });
    }

    @Test
    void sixDependenciesAreTooMany() {
        Topology t = hubCalling(5).database("hub-db").db("hub", "hub-db").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.elementIds()).containsExactly("hub");
            assertThat(d.message()).contains("hub depends on 6 other nodes (more than 5)")
                    .contains("fails when any of them does");
        });
    }

    @Test
    void eightEndpointsAndFiveDependenciesAreFine() {
        Topology t = hubCalling(5).serviceWithEndpoints("busy", endpoints(8)).build();

        assertThat(check(rule, t)).isEmpty();
    }

    @Test
    void severalEdgesToOneNodeAreOneDependency() {
        Topology t = hubCalling(5).grpc("hub", "dep0").grpc("hub", "dep1").build();

        assertThat(check(rule, t)).isEmpty();
    }

    @Test
    void edgesThatCannotExistAreNoDependency() {
        Topology t = hubCalling(5).queue("q").edge("hub", "q", EdgeKind.DB).build();

        assertThat(check(rule, t)).isEmpty();
    }
}
