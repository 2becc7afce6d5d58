package dev.topograph.model.validation.rules;

import static dev.topograph.model.validation.Topologies.check;
import static dev.topograph.model.validation.Topologies.topology;
import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeepCallChainRuleTest {
    private final Rule rule = new DeepCallChainRule();

    @Test
    void fourHopsFromAGatewayAreAWarningWithAFix() {
        Topology t = topology().gateway("gw").service("a").service("b").service("c").service("d")
                .route("gw", "a", "/a").calls("a", "b", "c", "d").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("TOPO021");
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.elementIds()).containsExactly("gw", "a", "b", "c", "d");
            assertThat(d.message()).contains("waits on 4 synchronous calls in a row (gw → a → b → c → d)")
                    .contains("latencies add up").contains("Consider a queue");
            assertThat(d.fix()).isPresent();
        });
    }

    @Test
    void aChainStartingAtAServiceCountsToo() {
        Topology t = topology().service("a").service("b").service("c").service("d").service("e")
                .calls("a", "b", "c", "d", "e").build();

        assertThat(check(rule, t)).singleElement().extracting(Diagnostic::elementIds)
                .isEqualTo(List.of("a", "b", "c", "d", "e"));
    }

    @Test
    void theFixBreaksTheFirstCallPastTheLimit() {
        Topology t = topology().gateway("gw").service("a").service("b").service("c").service("d").service("e")
                .route("gw", "a", "/a").calls("a", "b", "c", "d", "e").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> assertThat(d.fix())
                .hasValueSatisfying(f -> assertThat(f.label()).isEqualTo("Replace c → d with a queue")));
    }

    @Test
    void theLongestBranchIsReported() {
        Topology t = topology().gateway("gw").service("a").service("short").service("b").service("c").service("d")
                .route("gw", "a", "/a").http("a", "short").calls("a", "b", "c", "d").build();

        assertThat(check(rule, t)).singleElement().extracting(Diagnostic::elementIds)
                .isEqualTo(List.of("gw", "a", "b", "c", "d"));
    }

    @Test
    void threeHopsAreFine() {
        Topology t = topology().gateway("gw").service("a").service("b").service("c")
                .route("gw", "a", "/a").calls("a", "b", "c").build();

        assertThat(check(rule, t)).isEmpty();
    }

    @Test
    void aQueueInTheMiddleEndsTheChain() {
        Topology t = topology().gateway("gw").service("a").service("b").service("c").service("d").queue("q")
                .route("gw", "a", "/a").calls("a", "b").publish("b", "q", "work").subscribe("q", "c", "work")
                .calls("c", "d").build();

        assertThat(check(rule, t)).isEmpty();
    }

    @Test
    void loopsAreLeftToTheCycleRule() {
        Topology t = topology().service("a").service("b").service("c").service("d").service("e")
                .calls("a", "b", "c", "d", "e", "a").build();

        assertThat(check(rule, t)).isEmpty();
    }
}
