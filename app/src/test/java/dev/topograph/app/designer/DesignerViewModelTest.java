package dev.topograph.app.designer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.topograph.app.ui.UiExecutor;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The designer's state without a window: what the canvas and the Problems panel would show. */
class DesignerViewModelTest {

    @Test
    void openingTheAntiPatternsExampleDrawsItsNodesAndListsItsProblems() {
        DesignerViewModel vm = new DesignerViewModel(UiExecutor.direct());
        vm.open(Path.of("../examples/anti-patterns.topology.json"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !vm.nodesProperty().get().isEmpty());
        assertThat(vm.nodesProperty().get()).extracting(DrawnNode::id).contains("gateway", "orders", "shared-db");
        assertThat(vm.nodesProperty().get()).filteredOn(n -> n.id().equals("shared-db"))
                .singleElement().satisfies(n -> assertThat(n.hasError()).isTrue());
        assertThat(vm.problemsProperty().get()).extracting(ProblemItem::code).contains("TOPO010", "TOPO020");
        assertThat(vm.titleProperty().get()).startsWith("anti-patterns");
    }

    @Test
    void aBrokenFileLeavesTheCurrentTopologyAndSaysWhy() {
        DesignerViewModel vm = new DesignerViewModel(UiExecutor.direct());
        vm.open(Path.of("../examples/shop.topology.json"));
        await().atMost(Duration.ofSeconds(10)).until(() -> vm.nodesProperty().get().size() == 15);
        vm.open(Path.of("does-not-exist.topology.json"));
        await().atMost(Duration.ofSeconds(10)).until(() -> vm.statusProperty().get().startsWith("Could not open"));
        assertThat(vm.nodesProperty().get()).hasSize(15);
        assertThat(vm.statusProperty().get()).contains("no such file");
    }
}
