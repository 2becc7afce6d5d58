package dev.topograph.model.validation.rules;

import static dev.topograph.model.validation.Topologies.check;
import static dev.topograph.model.validation.Topologies.topology;
import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.Diagnostic;
import dev.topograph.model.validation.Rule;
import dev.topograph.model.validation.Severity;
import dev.topograph.model.validation.TopologyGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class EdgeKindRuleTest {
    private final Rule rule = new EdgeKindRule();

    @Test
    void aDbEdgeBetweenTwoServicesIsAnErrorThatSuggestsACall() {
        Topology t = topology().service("orders").service("invoices").edge("orders", "invoices", EdgeKind.DB).build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("TOPO003");
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.elementIds()).containsExactly("orders->invoices:db", "orders", "invoices");
            assertThat(d.message()).contains("The edge orders->invoices:db is not allowed")
                    .contains("a db edge cannot go from a service to a service (it joins service → database)")
                    .contains("use http or grpc");
        });
    }

    @Test
    void kindsNoEdgeCanJoinAreSaidSo() {
        Topology t = topology().queue("q").database("db").edge("q", "db", EdgeKind.SUBSCRIBE).build();

        assertThat(check(rule, t)).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("no edge kind joins these two"));
    }

    @Test
    void anEdgeToANodeThatDoesNotExistIsAnError() {
        Topology t = topology().service("orders").db("orders", "ghost-db").build();

        assertThat(check(rule, t)).singleElement().satisfies(d -> {
            assertThat(d.elementIds()).containsExactly("orders->ghost-db:db");
            assertThat(d.message()).contains("refers to a node that does not exist");
        });
    }

    @Test
    void anEdgeFromANodeToItselfIsAnError() {
        Topology t = topology().service("orders").http("orders", "orders").build();

        assertThat(check(rule, t)).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("an edge cannot join orders to itself"));
    }

    @Test
    void everyEdgeOfTheDesignIsFine() {
        Topology t = topology().gateway("gw").service("a").service("b").queue("q").cache("c").database("db")
                .route("gw", "a", "/a").grpc("gw", "b").http("a", "b").grpc("b", "a")
                .publish("a", "q", "t").subscribe("q", "b", "t").uses("a", "c").db("a", "db").build();

        assertThat(check(rule, t)).isEmpty();
    }

    /** Every pair of node kinds with every edge kind, between two distinct nodes. */
    static Stream<Arguments> everyCombination() {
        List<Arguments> all = new ArrayList<>();
        for (NodeKind from : NodeKind.values()) {
            for (NodeKind to : NodeKind.values()) {
                for (EdgeKind kind : EdgeKind.values()) {
                    all.add(Arguments.of(from, to, kind));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} -{2}-> {1}")
    @MethodSource("everyCombination")
    void dragFeedbackAgreesWithTheWholeGraphCheck(NodeKind fromKind, NodeKind toKind, EdgeKind kind) {
        Topology t = topology().node("from", fromKind).node("to", toKind).edge("from", "to", kind).build();
        Node from = t.node("from").orElseThrow();
        Node to = t.node("to").orElseThrow();

        Optional<String> refusal = EdgeKindRule.refusal(from, to, kind);
        List<EdgeKind> allowed = EdgeKindRule.allowedKinds(from, to);
        List<Diagnostic> found = check(rule, t);

        assertThat(refusal.isEmpty()).as("refusal agrees with allowedKinds").isEqualTo(allowed.contains(kind));
        assertThat(found.isEmpty()).as("the whole-graph check agrees with refusal").isEqualTo(refusal.isEmpty());
        assertThat(new TopologyGraph(t).isWellFormed(t.edges().get(0))).as("other rules trust the same edges")
                .isEqualTo(refusal.isEmpty());
        refusal.ifPresent(why -> assertThat(found).singleElement()
                .satisfies(d -> assertThat(d.message()).contains(why)));
        if (!allowed.isEmpty()) {
            assertThat(EdgeKindRule.canStartEdge(fromKind)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(NodeKind.class)
    void dragFeedbackRefusesEveryEdgeFromANodeToItself(NodeKind nodeKind) {
        Topology base = topology().node("self", nodeKind).build();
        Node self = base.node("self").orElseThrow();

        assertThat(EdgeKindRule.allowedKinds(self, self)).isEmpty();
        for (EdgeKind kind : EdgeKind.values()) {
            Topology t = base.withEdges(List.of(Edge.of("self", "self", kind)));
            assertThat(EdgeKindRule.refusal(self, self, kind)).isPresent();
            assertThat(check(rule, t)).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(NodeKind.class)
    void aDragMayStartFromEveryKindThatSomeEdgeLeaves(NodeKind kind) {
        boolean leaves = Stream.of(EdgeKind.values()).anyMatch(e -> Stream.of(NodeKind.values()).anyMatch(to -> e.joins(kind, to)));

        assertThat(EdgeKindRule.canStartEdge(kind)).isEqualTo(leaves);
    }
}
