package dev.topograph.app.designer.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.designer.MainViewModel;
import dev.topograph.app.designer.canvas.CanvasPalette;
import dev.topograph.app.ui.TaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generate and export without a window: refused plainly with errors, else written, summarised, archived. */
class ExportViewModelTest {
    private static final Path EXAMPLES = Path.of("").toAbsolutePath().getParent().resolve("examples");

    @TempDir
    Path temp;

    private MainViewModel designer(String example) {
        MainViewModel designer = new MainViewModel(TaskExecutor.synchronous(), 0);
        designer.document().open(EXAMPLES.resolve(example), e -> { throw new AssertionError(e); });
        return designer;
    }

    private static <T> T only(List<T> results) {
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @Test
    void aDesignWithErrorsIsRefusedWithEachErrorBeforeAnyFolderIsAskedFor() {
        ExportViewModel export = designer("anti-patterns.topology.json").export();
        List<ExportViewModel.Refusal> refusals = new ArrayList<>();
        List<String> ready = new ArrayList<>();
        export.checkGeneration(() -> ready.add("ready"), refusals::add);

        assertThat(ready).isEmpty();
        ExportViewModel.Refusal refusal = only(refusals);
        assertThat(refusal.summary()).matches("This design has \\d+ errors?, so it cannot be generated yet\\. .*");
        assertThat(refusal.reasons()).isNotEmpty().allMatch(r -> r.matches("TOPO\\d{3} .*: .+"));
    }

    @Test
    void generatingTheExampleWritesTheTreeAndSaysWhatChangedAndWhatToRunNext() throws IOException {
        ExportViewModel export = designer("shop.topology.json").export();
        List<String> ready = new ArrayList<>();
        export.checkGeneration(() -> ready.add("ready"), r -> { throw new AssertionError(r); });
        assertThat(ready).containsExactly("ready");

        Path folder = temp.resolve("out");
        List<GenerationSummary> summaries = new ArrayList<>();
        export.generate(folder, summaries::add, e -> { throw new AssertionError(e); });
        GenerationSummary first = only(summaries);
        assertThat(first.folder()).isEqualTo(folder);
        assertThat(first.added()).contains("Makefile", "topology.json", "go.work");
        assertThat(first.changed()).isEmpty();
        assertThat(folder.resolve("Makefile")).exists();
        assertThat(first.nextCommand()).isEqualTo("cd " + folder + " && make build test");

        summaries.clear();
        export.generate(folder, summaries::add, e -> { throw new AssertionError(e); });
        GenerationSummary again = only(summaries);
        assertThat(again.added()).isEmpty();
        assertThat(again.changed()).isEmpty();
        assertThat(again.kept().size() + again.unchanged().size()).isEqualTo(first.added().size());
        assertThat(again.counts()).startsWith("0 added, 0 changed, ");
    }

    @Test
    void aBusyFolderGetsASubfolderNamedAfterTheDesign() throws IOException {
        Path busy = Files.createDirectories(temp.resolve("home"));
        Files.writeString(busy.resolve("notes.txt"), "mine");
        assertThat(ExportViewModel.outputFolder(busy, "shop")).isEqualTo(busy.resolve("shop"));
        Path empty = Files.createDirectories(temp.resolve("empty"));
        assertThat(ExportViewModel.outputFolder(empty, "shop")).isEqualTo(empty);
        Path earlier = Files.createDirectories(temp.resolve("earlier"));
        Files.writeString(earlier.resolve("topology.json"), "{}");
        Files.writeString(earlier.resolve("Makefile"), "");
        assertThat(ExportViewModel.outputFolder(earlier, "shop")).isEqualTo(earlier);
        assertThat(ExportViewModel.outputFolder(temp.resolve("new"), "shop")).isEqualTo(temp.resolve("new"));
    }

    @Test
    void theZipHoldsTheTreeUnderTheDesignsName() throws IOException {
        ExportViewModel export = designer("shop.topology.json").export();
        Path zip = temp.resolve("shop.zip");
        List<Integer> counts = new ArrayList<>();
        export.exportZip(zip, counts::add, e -> { throw new AssertionError(e); });
        int count = only(counts);
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            List<String> names = Collections.list(archive.entries()).stream().map(z -> z.getName()).toList();
            assertThat(names).hasSize(count).contains("shop/Makefile").allMatch(n -> n.startsWith("shop/"));
        }
    }

    @Test
    void theSvgFileIsTheDrawingInTheChosenTheme() throws IOException {
        MainViewModel designer = designer("shop.topology.json");
        Path svg = temp.resolve("shop.svg");
        List<String> done = new ArrayList<>();
        designer.export().exportSvg(svg, CanvasPalette.DARK, () -> done.add("done"), e -> { throw new AssertionError(e); });
        assertThat(done).containsExactly("done");
        assertThat(Files.readString(svg)).isEqualTo(
                SvgExport.render(designer.canvas().diagramProperty().get(), CanvasPalette.DARK, "shop"));
        assertThat(designer.document().noticeProperty().get().text()).isEqualTo("Exported the drawing to shop.svg");
    }
}
