package dev.topograph.app.designer.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.model.command.Edits;
import dev.topograph.model.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentViewModelTest {
    private final DocumentViewModel document = new DocumentViewModel(TaskExecutor.synchronous());

    @Test
    void theStatusMessageIsReplacedByTheNextActionNeverLeftStanding(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shop.topology.json");
        Files.copy(Path.of("../examples/shop.topology.json"), file);
        document.open(file, message -> { });
        assertThat(document.noticeProperty().get().text()).isEqualTo("Opened shop.topology.json");

        document.execute(Edits.of("Rename the design", t -> t.withName("shop-two")));
        assertThat(document.noticeProperty().get()).as("an edit: \"Opened …\" is over").isNull();

        document.tell("orders cannot call itself", true);
        document.undo();
        assertThat(document.noticeProperty().get()).as("a refusal does not outlive the next undo").isNull();

        document.tell("orders cannot call itself", true);
        document.newDocument();
        assertThat(document.noticeProperty().get()).as("nor another design").isNull();
        assertThat(document.topology()).isEqualTo(Topology.empty("untitled"));
    }
}
