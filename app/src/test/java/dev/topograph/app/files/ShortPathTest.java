package dev.topograph.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Paths shortened for narrow places: the home folder as ~, long ones to their last folders. */
class ShortPathTest {
    @Test
    void aPathIsShortenedToTheHomeSignAndItsLastFolders() {
        Path home = Path.of("/home/ada");
        assertThat(ShortPath.of(Path.of("/home/ada"), home, 40)).isEqualTo("~");
        assertThat(ShortPath.of(Path.of("/home/ada/work/shop"), home, 40)).isEqualTo("~/work/shop");
        assertThat(ShortPath.of(Path.of("/srv/code/shop"), home, 40)).isEqualTo("/srv/code/shop");
        assertThat(ShortPath.of(Path.of("/home/ada/projects/customers/acme/2026/shop"), home, 24))
                .isEqualTo("…/acme/2026/shop");
        assertThat(ShortPath.of(Path.of("/home/ada/a-very-long-folder-name-indeed"), home, 10))
                .isEqualTo("…/a-very-long-folder-name-indeed");
    }
}
