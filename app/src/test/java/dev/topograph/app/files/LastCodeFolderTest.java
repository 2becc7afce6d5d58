package dev.topograph.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The last code folder is remembered across sessions. */
class LastCodeFolderTest {
    @TempDir
    Path temp;

    @Test
    void theLastCodeFolderSurvivesTheSessionAndAnUnreadableFileRemembersNothing() throws IOException {
        Path file = temp.resolve("config/last-code-folder.json");
        assertThat(new LastCodeFolder(file).load()).isEmpty();
        new LastCodeFolder(file).store(temp.resolve("code/./shop"));
        assertThat(new LastCodeFolder(file).load()).contains(temp.resolve("code/shop"));

        Files.writeString(file, "{not json");
        assertThat(new LastCodeFolder(file).load()).isEmpty();
    }
}
