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

/** Exports without a window: a design with errors refused plainly, else archived; the drawing as SVG. */
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
