package dev.topograph.app.designer.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.designer.document.DocumentViewModel.Notice;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.model.generate.CodeFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code-folder control without a window: what it shows, and its actions told in the status line. */
class CodeFolderViewModelTest {
    private static final Path EXAMPLES = Path.of("").toAbsolutePath().getParent().resolve("examples");

    @TempDir
    Path temp;

    private final List<String> opened = new ArrayList<>();
    private boolean terminalInstalled = true;
    private final FolderOpener opener = new FolderOpener() {
        @Override
        public void openInFileManager(Path folder) {
            opened.add("files " + folder);
        }

        @Override
        public void openTerminal(Path folder) throws IOException {
            if (!terminalInstalled) {
                throw new IOException("No terminal found: set $TERMINAL, or install one of xterm");
            }
            opened.add("terminal " + folder);
        }
    };

    private final DocumentViewModel document = new DocumentViewModel(TaskExecutor.synchronous());
    private final CodeFolderViewModel control = new CodeFolderViewModel(document, TaskExecutor.synchronous(), opener,
            p -> "~/" + temp.relativize(p));

    private Path codeFolder() throws IOException {
        Path folder = CodeFolder.start(temp.resolve("work/shop")).root();
        Path design = Files.copy(EXAMPLES.resolve("shop.topology.json"), folder.resolve("shop.topology.json"));
        document.open(design, e -> { throw new AssertionError(e); });
        return folder;
    }

    @Test
    void withoutACodeFolderItSaysSoAndWhatMakesOne() throws IOException {
        Path loose = Files.copy(EXAMPLES.resolve("shop.topology.json"), temp.resolve("shop.topology.json"));
        document.open(loose, e -> { throw new AssertionError(e); });

        assertThat(control.textProperty().get()).isEqualTo("No code folder yet");
        assertThat(control.tooltipProperty().get()).startsWith("Generate or Run ▶ makes one");
        assertThat(control.presentProperty().get()).isFalse();
        assertThat(control.path()).isEmpty();
        control.openTerminal();
        assertThat(opened).isEmpty();
    }

    @Test
    void aCodeFolderIsShownShortWithItsFullPathInTheTooltip() throws IOException {
        Path folder = codeFolder();

        assertThat(control.textProperty().get()).isEqualTo("~/work/shop");
        assertThat(control.tooltipProperty().get()).isEqualTo("The design's code folder: " + folder);
        assertThat(control.presentProperty().get()).isTrue();
        assertThat(control.path()).contains(folder.toString());

        document.newDocument();
        assertThat(control.textProperty().get()).isEqualTo("No code folder yet");
    }

    @Test
    void itsActionsGoThroughTheOpenerAndAreToldInTheStatusLine() throws IOException {
        Path folder = codeFolder();

        control.openInFileManager();
        assertThat(document.noticeProperty().get()).isEqualTo(new Notice("Opened ~/work/shop in the file manager", false));
        control.openTerminal();
        assertThat(document.noticeProperty().get()).isEqualTo(new Notice("Opened a terminal in ~/work/shop", false));
        assertThat(opened).containsExactly("files " + folder, "terminal " + folder);
        control.copied();
        assertThat(document.noticeProperty().get()).isEqualTo(new Notice("Copied " + folder, false));

        terminalInstalled = false;
        control.openTerminal();
        assertThat(document.noticeProperty().get()).isEqualTo(new Notice(
                "Cannot open a terminal: No terminal found: set $TERMINAL, or install one of xterm", true));
    }
}
