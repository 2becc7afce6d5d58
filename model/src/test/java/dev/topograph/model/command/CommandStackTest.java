package dev.topograph.model.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topograph.model.topology.BoundedContext;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Framework;
import dev.topograph.model.topology.GatewayNode;
import dev.topograph.model.topology.InfraNode;
import dev.topograph.model.topology.Layout;
import dev.topograph.model.topology.NodeKind;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every edit goes through the stack, and every edit can be undone and redone exactly. */
class CommandStackTest {

    private static Topology small() {
        return Topology.empty("shop")
                .withNodes(List.of(GatewayNode.of("gateway", 8080), ServiceNode.of("orders", 8081),
                        InfraNode.of("orders-db", NodeKind.DATABASE)))
                .withEdges(List.of(Edge.route("gateway", "orders", "/orders"), Edge.of("orders", "orders-db", EdgeKind.DB)));
    }

    @Test
    void everyKindOfEditUndoesAndRedoesToTheExactSameValue() {
        CommandStack stack = new CommandStack(small());
        List<Command> edits = List.of(
                Edits.addNode(InfraNode.of("order-events", NodeKind.QUEUE)),
                Edits.connect(Edge.topic("orders", "order-events", EdgeKind.PUBLISH, "order.created")),
                Edits.moveNodes(Map.of("orders", new Layout(100, 200), "gateway", new Layout(0, 200))),
                Edits.renameNode("orders", "ordering"),
                Edits.changeNode("ordering", "Use gin", n -> ((ServiceNode) n).withFramework(Framework.GIN)),
                Edits.groupIntoContext(new BoundedContext("sales", "Sales"), List.of("ordering", "orders-db")),
                Edits.changeEdge("gateway->ordering:http", e -> e.withRoute(Optional.of("/sales"))),
                Edits.disconnect("ordering->orders-db:db"),
                Edits.removeNodes(Set.of("order-events")),
                Edits.ungroup(List.of("orders-db")),
                Edits.removeContext("sales"));
        List<Topology> states = new ArrayList<>();
        states.add(stack.current());
        for (Command edit : edits) {
            states.add(stack.execute(edit));
        }
        assertThat(states).doesNotHaveDuplicates();
        for (int i = edits.size() - 1; i >= 0; i--) {
            assertThat(stack.undo()).isEqualTo(states.get(i));
        }
        assertThat(stack.canUndo()).isFalse();
        for (int i = 1; i <= edits.size(); i++) {
            assertThat(stack.redo()).isEqualTo(states.get(i));
        }
        assertThat(stack.canRedo()).isFalse();
    }

    @Test
    void renamingANodeUpdatesEveryEdgeThatRefersToIt() {
        Topology after = Edits.renameNode("orders", "ordering").execute(small());
        assertThat(after.edges()).extracting(Edge::key)
                .containsExactly("gateway->ordering:http", "ordering->orders-db:db");
        assertThat(after.node("orders")).isEmpty();
    }

    @Test
    void removingANodeRemovesItsEdges() {
        Topology after = Edits.removeNodes(List.of("orders")).execute(small());
        assertThat(after.nodes()).extracting(n -> n.id()).containsExactly("gateway", "orders-db");
        assertThat(after.edges()).isEmpty();
    }

    @Test
    void aRefusedEditChangesNothingAndSaysWhy() {
        CommandStack stack = new CommandStack(small());
        Topology before = stack.current();
        assertThatThrownBy(() -> stack.execute(Edits.addNode(ServiceNode.of("orders", 9000))))
                .isInstanceOf(EditRefusedException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> stack.execute(Edits.renameNode("nope", "x")))
                .hasMessageContaining("no node has the id \"nope\"");
        assertThatThrownBy(() -> stack.execute(Edits.changeNode("orders", "x", n -> n.withId("y"))))
                .hasMessageContaining("rename");
        assertThat(stack.current()).isSameAs(before);
        assertThat(stack.canUndo()).isFalse();
    }

    @Test
    void dirtyFollowsUndoBackToTheSavedState() {
        CommandStack stack = new CommandStack(small());
        assertThat(stack.isDirty()).isFalse();
        stack.execute(Edits.moveNodes(Map.of("orders", new Layout(1, 2))));
        assertThat(stack.isDirty()).isTrue();
        assertThat(stack.undoDescription()).contains("Move orders");
        stack.undo();
        assertThat(stack.isDirty()).isFalse();
        stack.redo();
        stack.markSaved();
        assertThat(stack.isDirty()).isFalse();
    }

    @Test
    void listenersSeeEveryChangeAndANewEditClearsRedo() {
        CommandStack stack = new CommandStack(small());
        List<Topology> seen = new ArrayList<>();
        stack.addListener(seen::add);
        stack.execute(Edits.moveNodes(Map.of("orders", new Layout(1, 2))));
        stack.undo();
        stack.execute(Edits.moveNodes(Map.of("orders", new Layout(3, 4))));
        assertThat(seen).hasSize(3);
        assertThat(stack.canRedo()).isFalse();
    }

    @Test
    void aNoOpEditIsNotRecorded() {
        CommandStack stack = new CommandStack(small());
        stack.execute(Edits.ungroup(List.of("orders")));
        assertThat(stack.canUndo()).isFalse();
    }
}
