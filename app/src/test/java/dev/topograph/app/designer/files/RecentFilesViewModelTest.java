package dev.topograph.app.designer.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.designer.MainViewModel;
import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.ui.TaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File ▸ Open Recent without a window: opening and saving fill the list, which persists once started. */
class RecentFilesViewModelTest {
    private static final Path EXAMPLE = Path.of("").toAbsolutePath().getParent().resolve("examples/shop.topology.json");

    @TempDir
    Path temp;

    private MainViewModel designer() {
        return new MainViewModel(TaskExecutor.synchronous(), 0, new UserDirectories(temp.resolve("config"),
                temp.resolve("data")), 0);
    }

    @Test
    void openingAndSavingPutTheDesignAtTheTopAndTheListOutlivesTheSession() throws IOException {
        Path shop = Files.copy(EXAMPLE, temp.resolve("shop.topology.json"));
        MainViewModel first = designer();
        first.recentFiles().start();
        first.document().open(shop, e -> { throw new AssertionError(e); });
        Path other = temp.resolve("other.topology.json");
        first.document().save(other, () -> { }, e -> { throw new AssertionError(e); });
        assertThat(first.recentFiles().filesProperty().get()).containsExactly(other, shop);

        MainViewModel second = designer();
        second.recentFiles().start();
        assertThat(second.recentFiles().filesProperty().get()).containsExactly(other, shop);
    }

    @Test
    void aDesignThatCannotBeOpenedIsForgotten() throws IOException {
        Path shop = Files.copy(EXAMPLE, temp.resolve("shop.topology.json"));
        MainViewModel designer = designer();
        designer.recentFiles().start();
        designer.document().open(shop, e -> { });
        designer.recentFiles().forget(shop);
        assertThat(designer.recentFiles().filesProperty().get()).isEmpty();
        assertThat(designer().recentFiles().filesProperty().get()).isEmpty();
        MainViewModel later = designer();
        later.recentFiles().start();
        assertThat(later.recentFiles().filesProperty().get()).isEmpty();
    }

    @Test
    void beforeStartTheListLivesOnlyInMemory() throws IOException {
        Path shop = Files.copy(EXAMPLE, temp.resolve("shop.topology.json"));
        MainViewModel designer = designer();
        designer.document().open(shop, e -> { });
        assertThat(designer.recentFiles().filesProperty().get()).containsExactly(shop);
        assertThat(temp.resolve("config")).doesNotExist();
    }
}
