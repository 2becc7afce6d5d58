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

class SyncCycleRuleTest {
    private final Rule rule = new SyncCycleRule();

    @Test
    void threeServicesCallingInALoopAreOneErrorWithAFix() {
        Topology t = topology().gateway("gw").service("a").service("b").service("c")
                .route("gw", "a", "/a").calls("a", "b", "c", "a").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("TOPO020");
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.elementIds()).containsExactly("a", "b", "c");
            assertThat(d.message()).contains("a → b → c → a").contains("call each other synchronously in a loop")
                    .contains("one slow or failing service stalls all of them");
            assertThat(d.fix()).hasValueSatisfying(f -> assertThat(f.label()).isEqualTo("Replace c → a with a queue"));
        });
    }

    @Test
    void grpcCallsCloseALoopToo() {
        Topology t = topology().service("a").service("b").http("a", "b").grpc("b", "a").build();

        assertThat(check(rule, t)).singleElement().extracting(Diagnostic::elementIds)
                .isEqualTo(List.of("a", "b"));
    }

    @Test
    void separateLoopsAreSeparateProblems() {
        Topology t = topology().service("a").service("b").service("x").service("y")
                .calls("a", "b", "a").calls("x", "y", "x").build();

        assertThat(check(rule, t)).extracting(Diagnostic::elementIds)
                .containsExactly(List.of("a", "b"), List.of("x", "y"));
    }

    @Test
    void aLoopClosedThroughAQueueIsNotSynchronous() {
        Topology t = topology().service("a").service("b").queue("q")
                .http("a", "b").publish("b", "q", "b.done").subscribe("q", "a", "b.done").build();

        assertThat(check(rule, t)).isEmpty();
    }

    @Test
    void aDiamondOfCallsHasNoLoop() {
        Topology t = topology().service("a").service("b").service("c").service("d")
                .calls("a", "b", "d").calls("a", "c", "d").build();

        assertThat(check(rule, t)).isEmpty();
    }

    @Test
    void anEdgeThatCannotExistClosesNoLoop() {
        // service → gateway is not a call (TOPO003), so gw → a → gw is not a loop.
        Topology t = topology().gateway("gw").service("a").route("gw", "a", "/a").http("a", "gw").build();

        assertThat(check(rule, t)).isEmpty();
    }
}
