package dev.topograph.model.validation;

import static dev.topograph.model.validation.Topologies.topology;
import static dev.topograph.model.validation.Topologies.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topograph.model.command.CommandStack;
import dev.topograph.model.command.EditRefusedException;
import dev.topograph.model.command.Edits;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Engine;
import dev.topograph.model.topology.InfraNode;
import dev.topograph.model.topology.Layout;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The quick fixes, applied the way the designer applies them: through the command stack. */
class QuickFixTest {

    private static Diagnostic only(Topology t, String code) {
        List<Diagnostic> found = validate(t, code);
        assertThat(found).as(code).hasSize(1);
        assertThat(found.get(0).fix()).as(code + " offers a fix").isPresent();
        return found.get(0);
    }

    private static Topology applyFix(CommandStack stack, Diagnostic d) {
        return stack.execute(d.fix().orElseThrow().command());
    }

    private static Set<String> nodeIds(Topology t) {
        return t.nodes().stream().map(Node::id).collect(Collectors.toSet());
    }

    /** The node the fix added: there must be exactly one. */
    private static Node addedNode(Topology before, Topology after) {
        Set<String> ids = nodeIds(after);
        ids.removeAll(nodeIds(before));
        assertThat(ids).hasSize(1);
        return after.node(ids.iterator().next()).orElseThrow();
    }

    // TOPO010 --------------------------------------------------------------------------------

    private static Topology sharedDatabase() {
        return topology().context("sales").context("billing").gateway("gw")
                .service("orders", "sales").service("invoices", "billing")
                .database("shared-db")
                .route("gw", "orders", "/orders").route("gw", "invoices", "/invoices")
                .db("orders", "shared-db").db("invoices", "shared-db").build()
                .mapNode("invoices", n -> n.withLayout(Optional.of(new Layout(300, 100))));
    }

    @Test
    void sharedStoreFixGivesEachServiceItsOwnStoreAndUndoRestoresTheDesign() {
        Topology original = sharedDatabase();
        CommandStack stack = new CommandStack(original);

        Topology fixed = applyFix(stack, only(original, "TOPO010"));

        assertThat(validate(fixed, "TOPO010")).isEmpty();
        Node copy = addedNode(original, fixed);
        assertThat(copy.kind()).isEqualTo(NodeKind.DATABASE);
        assertThat(copy.context()).contains("billing");
        assertThat(copy.layout()).contains(new Layout(300, 240));
        assertThat(fixed.edges()).contains(Edge.of("orders", "shared-db", EdgeKind.DB), Edge.of("invoices", copy.id(), EdgeKind.DB))
                .doesNotContain(Edge.of("invoices", "shared-db", EdgeKind.DB));
        assertThat(new Validator().validate(fixed)).as("the fix creates no new problem").isEmpty();

        assertThat(stack.undo()).isEqualTo(original);
        assertThat(stack.current()).isEqualTo(original);
        assertThat(stack.isDirty()).isFalse();
        assertThat(stack.redo()).isEqualTo(fixed);
    }

    @Test
    void sharedStoreFixKeepsTheEngineAndServesEveryExtraUser() {
        Topology original = topology().gateway("gw").service("a").service("b").service("c")
                .node(InfraNode.of("hot", NodeKind.CACHE).withEngine(Engine.MEMCACHED))
                .route("gw", "a", "/a").route("gw", "b", "/b").route("gw", "c", "/c")
                .uses("a", "hot").uses("b", "hot").uses("c", "hot").build();
        CommandStack stack = new CommandStack(original);

        Topology fixed = applyFix(stack, only(original, "TOPO010"));

        assertThat(new Validator().validate(fixed)).isEmpty();
        assertThat(fixed.nodes()).hasSize(original.nodes().size() + 2);
        assertThat(fixed.nodes()).filteredOn(n -> n.kind() == NodeKind.CACHE)
                .allSatisfy(n -> assertThat(((InfraNode) n).engine()).isEqualTo(Engine.MEMCACHED));
        assertThat(stack.undo()).isEqualTo(original);
    }

    @Test
    void sharedStoreFixGivesNoStoreToANodeThatIsNoService() {
        Topology original = topology().service("a").service("b").queue("q").database("db")
                .db("a", "db").db("b", "db").edge("q", "db", EdgeKind.DB).build();

        Topology fixed = new CommandStack(original).execute(only(original, "TOPO010").fix().orElseThrow().command());

        assertThat(addedNode(original, fixed).id()).isEqualTo("db-b");
        assertThat(fixed.edges()).contains(Edge.of("q", "db", EdgeKind.DB), Edge.of("b", "db-b", EdgeKind.DB));
    }

    @Test
    void aFixForAStoreThatIsNoLongerSharedIsRefusedAndChangesNothing() {
        Topology original = sharedDatabase();
        Diagnostic d = only(original, "TOPO010");
        CommandStack stack = new CommandStack(original);
        stack.execute(Edits.disconnect("invoices->shared-db:db"));
        Topology before = stack.current();

        assertThatThrownBy(() -> applyFix(stack, d)).isInstanceOf(EditRefusedException.class)
                .hasMessageContaining("shared-db is not shared");
        assertThat(stack.current()).isEqualTo(before);
    }

    // TOPO020 --------------------------------------------------------------------------------

    @Test
    void cycleFixReplacesTheClosingCallWithAQueueAndUndoRestoresTheDesign() {
        Topology original = topology().gateway("gw").service("orders").service("invoices")
                .route("gw", "orders", "/orders").http("orders", "invoices").http("invoices", "orders").build();
        Diagnostic cycle = only(original, "TOPO020");
        CommandStack stack = new CommandStack(original);

        Topology fixed = applyFix(stack, cycle);

        Node queue = addedNode(original, fixed);
        assertThat(queue.kind()).isEqualTo(NodeKind.QUEUE);
        assertThat(fixed.edges()).doesNotContain(Edge.of("invoices", "orders", EdgeKind.HTTP))
                .contains(Edge.topic("invoices", queue.id(), EdgeKind.PUBLISH, "invoices.orders"),
                        Edge.topic(queue.id(), "orders", EdgeKind.SUBSCRIBE, "invoices.orders"));
        assertThat(validate(fixed, "TOPO020")).isEmpty();
        assertThat(validate(fixed, "TOPO022")).as("the chatty pair is gone with the loop").isEmpty();
        assertNoQueueProblem(fixed, queue.id());
        assertThat(new Validator().validate(fixed)).isEmpty();

        assertThat(stack.undo()).isEqualTo(original);
        assertThat(stack.canUndo()).isFalse();
    }

    @Test
    void cycleFixInsideContextsPutsTheQueueInTheCallersContext() {
        Topology original = topology().context("sales").context("billing").gateway("gw")
                .service("a", "sales").service("b", "billing").service("c", "billing")
                .route("gw", "a", "/a").calls("a", "b", "c", "a").build();
        CommandStack stack = new CommandStack(original);

        Topology fixed = applyFix(stack, only(original, "TOPO020"));

        Node queue = addedNode(original, fixed);
        assertThat(queue.context()).contains("billing");
        assertThat(validate(fixed, "TOPO020")).isEmpty();
        assertNoQueueProblem(fixed, queue.id());
        assertThat(stack.undo()).isEqualTo(original);
    }

    // TOPO021 --------------------------------------------------------------------------------

    @Test
    void deepChainFixReplacesACallWithAQueueAndUndoRestoresTheDesign() {
        Topology original = topology().gateway("gw").service("a").service("b").service("c").service("d")
                .route("gw", "a", "/a").calls("a", "b", "c", "d").build();
        CommandStack stack = new CommandStack(original);

        Topology fixed = applyFix(stack, only(original, "TOPO021"));

        Node queue = addedNode(original, fixed);
        assertThat(fixed.edges()).filteredOn(e -> e.kind().isSynchronous()).hasSize(original.edges().size() - 1);
        assertThat(validate(fixed, "TOPO021")).isEmpty();
        assertNoQueueProblem(fixed, queue.id());
        assertThat(new Validator().validate(fixed)).isEmpty();
        assertThat(stack.undo()).isEqualTo(original);
    }

    @Test
    void deepChainFixBringsALongerChainWithinTheLimitInOneStep() {
        Topology original = topology().gateway("gw").service("a").service("b").service("c").service("d").service("e")
                .service("f").route("gw", "a", "/a").calls("a", "b", "c", "d", "e", "f").build();
        CommandStack stack = new CommandStack(original);

        Topology fixed = applyFix(stack, only(original, "TOPO021"));

        assertThat(validate(fixed, "TOPO021")).isEmpty();
        assertNoQueueProblem(fixed, addedNode(original, fixed).id());
        assertThat(stack.undo()).isEqualTo(original);
    }

    @Test
    void aSecondFixNeverReusesAnIdOfTheFirst() {
        Topology original = topology().gateway("gw").service("a").service("b")
                .route("gw", "a", "/a").http("a", "b").http("b", "a").grpc("b", "a").build();
        CommandStack stack = new CommandStack(original);

        Topology once = applyFix(stack, only(original, "TOPO020"));
        Topology twice = applyFix(stack, only(once, "TOPO020"));

        assertThat(twice.nodes()).extracting(Node::id).doesNotHaveDuplicates().hasSize(original.nodes().size() + 2);
        assertThat(validate(twice, "TOPO020")).isEmpty();
        assertThat(validate(twice, "TOPO002")).isEmpty();
        stack.undo();
        assertThat(stack.undo()).isEqualTo(original);
    }

    // Every fix the example offers --------------------------------------------------------------

    @Test
    void everyFixOfferedForTheAntiPatternsExampleRemovesItsOwnDiagnostic() throws Exception {
        Path file = Path.of("../examples/anti-patterns.topology.json");
        Topology original = new ProjectFile().load(file);
        List<Diagnostic> fixable = new Validator().validate(original).stream().filter(d -> d.fix().isPresent()).toList();
        assertThat(fixable).extracting(Diagnostic::code).contains("TOPO010", "TOPO020", "TOPO021");

        for (Diagnostic d : fixable) {
            CommandStack stack = new CommandStack(original);
            Topology fixed = applyFix(stack, d);

            assertThat(new Validator().validate(fixed)).as("after \"%s\"", d.fix().get().label())
                    .noneMatch(after -> after.code().equals(d.code()) && after.elementIds().equals(d.elementIds()));
            assertThat(stack.undo()).isEqualTo(original);
            assertThat(new ProjectFile().write(stack.current())).as("undo saves the file as it was")
                    .isEqualTo(Files.readString(file));
        }
    }

    /**
     * Every fix offered for a random design applies, breaks nothing the design did not already
     * break, and undoes. A store fix always ends its diagnostic; a call fix may leave a loop or chain
     * that other calls still close (a second fix then goes on), so for those only the queue is checked.
     */
    @ParameterizedTest
    @MethodSource("dev.topograph.model.validation.ValidatorTest#seeds")
    void everyFixOfferedForAnyDesignAppliesCleanlyAndUndoes(long seed) {
        Topology original = ValidatorTest.randomTopology(seed);
        List<Diagnostic> before = new Validator().validate(original);
        // A fix names what it adds after what it touches, so an invalid id begets another.
        List<String> structural = before.stream().anyMatch(d -> d.code().equals("TOPO001"))
                ? List.of("TOPO002", "TOPO003") : List.of("TOPO001", "TOPO002", "TOPO003");

        for (Diagnostic d : before.stream().filter(x -> x.fix().isPresent()).toList()) {
            CommandStack stack = new CommandStack(original);
            Topology fixed = applyFix(stack, d);
            List<Diagnostic> after = new Validator().validate(fixed);
            String what = "after \"" + d.fix().get().label() + "\" in design " + seed;

            assertThat(after).as(what).filteredOn(x -> structural.contains(x.code())).isSubsetOf(before);
            if (d.code().equals("TOPO010")) {
                assertThat(after).as(what).noneMatch(x -> x.code().equals("TOPO010") && x.elementIds().get(0).equals(d.elementIds().get(0)));
            } else {
                assertThat(fixed.edges().stream().filter(e -> e.kind().isSynchronous()))
                        .as(what).hasSize((int) original.edges().stream().filter(e -> e.kind().isSynchronous()).count() - 1);
                assertNoQueueProblem(fixed, addedNode(original, fixed).id());
            }
            assertThat(stack.undo()).as(what).isEqualTo(original);
        }
    }

    private static void assertNoQueueProblem(Topology t, String queueId) {
        assertThat(new Validator().validate(t))
                .filteredOn(d -> d.code().equals("TOPO030") || d.code().equals("TOPO031"))
                .noneMatch(d -> d.elementIds().contains(queueId));
    }
}
