package dev.topograph.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recent-files list on disk: newest first, no duplicates, bounded, and pruned of missing designs. */
class RecentFilesTest {
    @TempDir
    Path temp;

    private Path design(String name) throws IOException {
        return Files.writeString(temp.resolve(name + ".topology.json"), "{}");
    }

    @Test
    void theNewestComesFirstOnceAndTheListIsBounded() throws IOException {
        RecentFiles recent = new RecentFiles(temp.resolve("config/recent-files.json"));
        Path a = design("a");
        Path b = design("b");
        recent.add(a);
        recent.add(b);
        assertThat(recent.add(a)).containsExactly(a, b);

        List<Path> many = new ArrayList<>();
        for (int i = 0; i < RecentFiles.LIMIT + 3; i++) {
            many.add(design("d" + i));
            recent.add(many.get(i));
        }
        assertThat(recent.paths()).hasSize(RecentFiles.LIMIT).first().isEqualTo(many.get(many.size() - 1));
    }

    @Test
    void aStoredListIsReadBackWithoutTheDesignsThatNoLongerExist() throws IOException {
        Path file = temp.resolve("config/recent-files.json");
        RecentFiles first = new RecentFiles(file);
        Path kept = design("kept");
        Path gone = design("gone");
        first.add(kept);
        first.add(gone);
        first.store();
        Files.delete(gone);

        assertThat(new RecentFiles(file).load()).containsExactly(kept);
    }

    @Test
    void designsAddedBeforeTheListIsReadStayInFront() throws IOException {
        Path file = temp.resolve("recent-files.json");
        RecentFiles earlier = new RecentFiles(file);
        Path old = design("old");
        earlier.add(old);
        earlier.store();

        RecentFiles now = new RecentFiles(file);
        Path fresh = design("fresh");
        now.add(fresh);
        assertThat(now.load()).containsExactly(fresh, old);
    }

    @Test
    void anUnreadableListCountsAsEmpty() throws IOException {
        Path file = Files.writeString(temp.resolve("recent-files.json"), "{ not json");
        assertThat(new RecentFiles(file).load()).isEmpty();
    }

    @Test
    void theFoldersFollowXdgAndTheOverrideKeepsEverythingInOnePlace() {
        Map<String, String> props = Map.of("user.home", "/home/ann", "os.name", "Linux");
        UserDirectories linux = UserDirectories.of(props::get, Map.of("XDG_CONFIG_HOME", "/cfg")::get);
        assertThat(linux.recentFiles()).isEqualTo(Path.of("/cfg/topograph/recent-files.json"));
        assertThat(linux.recovery()).isEqualTo(Path.of("/home/ann/.local/share/topograph/recovery"));

        Map<String, String> overridden = Map.of("user.home", "/home/ann", "os.name", "Linux",
                UserDirectories.DATA_DIR_PROPERTY, "/tmp/t");
        UserDirectories test = UserDirectories.of(overridden::get, Map.<String, String>of()::get);
        assertThat(test.recentFiles()).isEqualTo(Path.of("/tmp/t/recent-files.json"));
        assertThat(test.recovery()).isEqualTo(Path.of("/tmp/t/recovery"));
    }
}
