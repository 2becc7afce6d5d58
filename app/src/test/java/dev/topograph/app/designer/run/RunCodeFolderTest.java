package dev.topograph.app.designer.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.designer.problems.ProblemsViewModel;
import dev.topograph.app.designer.run.RunViewModel.CodeFolderAnswer;
import dev.topograph.app.designer.run.RunViewModel.CodeFolderQuestion;
import dev.topograph.app.designer.run.RunViewModel.Phase;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.app.ui.UiExecutor;
import dev.topograph.model.command.Edits;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.generate.CodeFolder;
import dev.topograph.model.topology.Endpoint;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run ▶ builds the design's code folder, asks for one when there is none, and applies a design change to it. */
class RunCodeFolderTest {
    private static final Path EXAMPLE = Path.of("").toAbsolutePath().getParent().resolve("examples/shop.topology.json");

    @TempDir
    Path dir;

    private final FakeRunService service = new FakeRunService();
    private final DocumentViewModel document = new DocumentViewModel(TaskExecutor.synchronous());
    private final ProblemsViewModel problems = new ProblemsViewModel(document, TaskExecutor.synchronous(), 0);
    private final List<CodeFolderQuestion> questions = new ArrayList<>();
    private final List<RunViewModel.Failure> failures = new ArrayList<>();

    private RunViewModel viewModel(Optional<CodeFolderAnswer> answer) {
        RunViewModel run = new RunViewModel(document, problems, TaskExecutor.synchronous(), UiExecutor.direct(), service, 0);
        run.onFailure(failures::add);
        run.onNeedCodeFolder(q -> {
            questions.add(q);
            return answer;
        });
        return run;
    }

    private void openExample() throws Exception {
        document.show(new ProjectFile().load(EXAMPLE), Optional.of(EXAMPLE), false);
    }

    @Test
    void aDesignWithoutCodeIsAskedWhereGeneratedThereMovedThereAndThatCodeRuns() throws Exception {
        openExample();
        Path code = dir.resolve("shop");
        RunViewModel run = viewModel(Optional.of(new CodeFolderAnswer.GenerateInto(code)));

        run.start();

        assertThat(questions).singleElement().satisfies(q -> {
            assertThat(q.design()).isEqualTo("shop");
            assertThat(q.suggested()).isEqualTo(EXAMPLE.getParent().resolve("shop"));
        });
        assertThat(run.phaseProperty().get()).isEqualTo(Phase.RUNNING);
        Path design = code.resolve("shop.topology.json");
        assertThat(service.designFiles).containsExactly(Optional.of(design));
        assertThat(document.fileProperty().get()).contains(design);
        assertThat(document.dirtyProperty().get()).isFalse();
        assertThat(document.codeFolderProperty().get()).contains(code);
        assertThat(Files.readString(design)).isEqualTo(Files.readString(EXAMPLE));
        assertThat(code.resolve("services/orders/internal/handlers/post_orders.go")).exists();
        assertThat(CodeFolder.of(design)).isPresent();
        run.stop();

        // The second Run asks nothing: the design has its code folder.
        run.start();
        assertThat(questions).hasSize(1);
        assertThat(service.designFiles).hasSize(2).last().isEqualTo(Optional.of(design));
    }

    @Test
    void cancellingTheQuestionStartsNothingAndRunningBareWritesNoCodeFolder() throws Exception {
        openExample();
        RunViewModel cancelled = viewModel(Optional.empty());
        cancelled.start();
        assertThat(cancelled.phaseProperty().get()).isEqualTo(Phase.IDLE);
        assertThat(service.starts).isEmpty();

        RunViewModel bare = viewModel(Optional.of(new CodeFolderAnswer.Bare()));
        bare.start();
        assertThat(bare.phaseProperty().get()).isEqualTo(Phase.RUNNING);
        assertThat(service.designFiles).containsExactly(Optional.of(EXAMPLE));
        assertThat(document.codeFolderProperty().get()).isEmpty();
    }

    @Test
    void filesInTheWayOfTheFirstGenerationAreRefusedNamedAndNothingRuns() throws Exception {
        openExample();
        Path code = Files.createDirectories(dir.resolve("shop"));
        Files.writeString(code.resolve("Makefile"), "all:\n\techo mine\n");
        RunViewModel run = viewModel(Optional.of(new CodeFolderAnswer.GenerateInto(code)));

        run.start();

        assertThat(run.phaseProperty().get()).isEqualTo(Phase.IDLE);
        assertThat(service.starts).isEmpty();
        assertThat(failures).singleElement().satisfies(f -> assertThat(f.message()).contains("Makefile")
                .contains("nothing was written"));
        assertThat(Files.readString(code.resolve("Makefile"))).isEqualTo("all:\n\techo mine\n");
        assertThat(document.fileProperty().get()).contains(EXAMPLE);
    }

    @Test
    void anEndpointAddedWhileRunningIsAppliedInPlaceWithoutRestartingTheRun() throws Exception {
        openExample();
        RunViewModel run = viewModel(Optional.of(new CodeFolderAnswer.GenerateInto(dir.resolve("shop"))));
        run.start();
        Path handler = dir.resolve("shop/services/orders/internal/handlers/post_orders.go");
        Files.writeString(handler, Files.readString(handler) + "\n// my business logic\n");
        ServiceNode orders = (ServiceNode) document.topology().node("orders").orElseThrow();
        List<Endpoint> more = new ArrayList<>(orders.endpoints());
        more.add(new Endpoint("DELETE", "/orders/{id}"));
        document.execute(Edits.of("Add an endpoint", t -> t.mapNode("orders", n -> orders.withEndpoints(more))));
        assertThat(run.editedWhileRunningProperty().get()).isTrue();

        run.applyDesignChange();

        assertThat(service.starts).as("the run goes on; the watcher rebuilds orders").hasSize(1);
        assertThat(run.phaseProperty().get()).isEqualTo(Phase.RUNNING);
        assertThat(run.editedWhileRunningProperty().get()).isFalse();
        assertThat(dir.resolve("shop/services/orders/internal/handlers/delete_orders_by_id.go")).exists();
        assertThat(Files.readString(handler)).endsWith("// my business logic\n");
        assertThat(document.noticeProperty().get().text()).contains("rebuilding orders");
    }

    @Test
    void aNewNodeWhileRunningRestartsTheRunWithTheChangedDesign() throws Exception {
        openExample();
        RunViewModel run = viewModel(Optional.of(new CodeFolderAnswer.GenerateInto(dir.resolve("shop"))));
        run.start();
        Topology before = document.topology();
        ServiceNode extra = ServiceNode.of("reviews", 8099);
        document.execute(Edits.of("Add a service", t -> t.withNodes(append(t, extra))));

        run.applyDesignChange();

        assertThat(service.starts).hasSize(2);
        assertThat(run.phaseProperty().get()).isEqualTo(Phase.RUNNING);
        assertThat(run.runningTopology()).hasValueSatisfying(t -> assertThat(t).isNotEqualTo(before));
    }

    private static List<dev.topograph.model.topology.Node> append(Topology t, dev.topograph.model.topology.Node n) {
        List<dev.topograph.model.topology.Node> nodes = new ArrayList<>(t.nodes());
        nodes.add(n);
        return nodes;
    }
}
