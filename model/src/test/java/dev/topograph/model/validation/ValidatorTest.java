package dev.topograph.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.BoundedContext;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Endpoint;
import dev.topograph.model.topology.GatewayNode;
import dev.topograph.model.topology.InfraNode;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.topology.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The validator as a whole: its list of rules and the order of what it reports. */
class ValidatorTest {

    /** Seeds of the generated topologies: fixed, so a failure names the design that caused it. */
    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    /**
     * A random design of up to twelve nodes and 24 distinct edges of any kind, valid or not, some with
     * topics, routes, contexts, endpoints and shared ports, so that every rule has work to do.
     */
    static Topology randomTopology(long seed) {
        Random r = new Random(seed);
        List<BoundedContext> contexts = r.nextBoolean() ? List.of(new BoundedContext("sales", "Sales"),
                new BoundedContext("billing", "Billing")) : List.of();
        int count = 1 + r.nextInt(12);
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // Half services, so that chains and loops of calls are common; now and then an invalid id.
            NodeKind kind = r.nextBoolean() ? NodeKind.SERVICE : NodeKind.values()[r.nextInt(NodeKind.values().length)];
            String id = r.nextInt(30) == 0 ? "N_" + i : "n" + i;
            Optional<String> context = contexts.isEmpty() || r.nextInt(3) == 0 ? Optional.empty()
                    : Optional.of(contexts.get(r.nextInt(contexts.size())).id());
            int port = 8080 + r.nextInt(count + 2);
            Node node = switch (kind) {
                case SERVICE -> ServiceNode.of(id, port).withEndpoints(IntStream.range(0, r.nextInt(11))
                        .mapToObj(e -> new Endpoint("GET", "/r" + e)).toList());
                case GATEWAY -> GatewayNode.of(id, port);
                default -> InfraNode.of(id, kind);
            };
            nodes.add(node.withContext(context));
        }
        List<Edge> edges = new ArrayList<>();
        int edgeCount = r.nextInt(25);
        for (int i = 0; i < edgeCount; i++) {
            Node from = nodes.get(r.nextInt(count));
            Node to = nodes.get(r.nextInt(count));
            // Mostly edges the design allows, so the graph rules see real calls, stores and queues.
            List<EdgeKind> allowed = EdgeKind.between(from.kind(), to.kind());
            EdgeKind kind = !allowed.isEmpty() && r.nextInt(5) > 0 ? allowed.get(r.nextInt(allowed.size()))
                    : EdgeKind.values()[r.nextInt(EdgeKind.values().length)];
            Optional<String> route = r.nextBoolean() ? Optional.of("/p" + r.nextInt(3)) : Optional.empty();
            Optional<String> topic = r.nextBoolean() ? Optional.of("t" + r.nextInt(3)) : Optional.empty();
            Edge edge = new Edge(Optional.empty(), from.id(), to.id(), kind, route, topic);
            if (edges.stream().noneMatch(e -> e.key().equals(edge.key()))) {
                edges.add(edge); // a repeated edge is TOPO002's; the other rules may report it twice
            }
        }
        return new Topology("random", "example.com/random", contexts, nodes, edges);
    }

    private static final Comparator<Diagnostic> DOCUMENTED_ORDER = Comparator
            .comparing(Diagnostic::severity)
            .thenComparing(Diagnostic::code)
            .thenComparing(d -> String.join(",", d.elementIds()))
            .thenComparing(Diagnostic::message);

    @Test
    void everyRuleIsListedOnceInCodeOrder() {
        List<String> codes = Validator.RULES.stream().map(Rule::code).toList();

        assertThat(codes).doesNotHaveDuplicates().isSorted().allMatch(c -> c.matches("TOPO0\\d\\d"));
        assertThat(codes).contains("TOPO001", "TOPO002", "TOPO003", "TOPO010", "TOPO011", "TOPO012", "TOPO020",
                "TOPO021", "TOPO022", "TOPO030", "TOPO031", "TOPO040", "TOPO041", "TOPO050", "TOPO051");
    }

    @Test
    void everyRuleHasItsOwnTestClass() {
        for (Rule rule : Validator.RULES) {
            String testClass = rule.getClass().getName() + "Test";
            assertThat(classExists(testClass)).as("%s for %s", testClass, rule.code()).isTrue();
        }
    }

    private static boolean classExists(String name) {
        try {
            Class.forName(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void errorsComeFirstThenCodesInOrder() throws Exception {
        Topology t = new ProjectFile().load(Path.of("../examples/anti-patterns.topology.json"));

        List<Diagnostic> found = new Validator().validate(t);

        assertThat(found).isSortedAccordingTo(DOCUMENTED_ORDER);
        int firstWarning = found.indexOf(found.stream().filter(d -> !d.isError()).findFirst().orElseThrow());
        assertThat(found.subList(0, firstWarning)).allMatch(Diagnostic::isError);
        assertThat(found.subList(firstWarning, found.size())).noneMatch(Diagnostic::isError);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void outputIsDeterministic(long seed) {
        Topology t = randomTopology(seed);

        List<Diagnostic> first = new Validator().validate(t);
        List<Diagnostic> again = new Validator().validate(randomTopology(seed));
        List<Diagnostic> rulesReversed = new Validator(reversed(Validator.RULES)).validate(t);

        assertThat(again).as("an equal design gives an equal report").isEqualTo(first);
        assertThat(rulesReversed).as("the order of the rules does not matter").isEqualTo(first);
        assertThat(first).isSortedAccordingTo(DOCUMENTED_ORDER);
    }

    @Test
    void theGeneratedDesignsGiveEveryRuleAndEveryFixWorkToDo() {
        List<Diagnostic> all = seeds().mapToObj(ValidatorTest::randomTopology)
                .flatMap(t -> new Validator().validate(t).stream()).toList();

        assertThat(all).extracting(Diagnostic::code).containsAll(Validator.RULES.stream().map(Rule::code).toList());
        assertThat(all).filteredOn(d -> d.fix().isPresent()).extracting(Diagnostic::code)
                .contains("TOPO010", "TOPO020", "TOPO021");
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyRuleSurvivesAnyDesignAndSpeaksOnlyForItself(long seed) {
        TopologyGraph graph = new TopologyGraph(randomTopology(seed));

        for (Rule rule : Validator.RULES) {
            List<Diagnostic> found = rule.check(graph);
            assertThat(found).as(rule.code()).allSatisfy(d -> {
                assertThat(d.code()).isEqualTo(rule.code());
                assertThat(d.severity()).isEqualTo(rule.severity());
                assertThat(d.message()).isNotBlank();
            });
            assertThat(found).as("%s reports each problem once", rule.code()).doesNotHaveDuplicates();
        }
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }
}
