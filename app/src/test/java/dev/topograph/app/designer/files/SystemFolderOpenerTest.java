package dev.topograph.app.designer.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine's opener on Linux, with programs of its own on the PATH: which terminal, and what failing says. */
class SystemFolderOpenerTest {
    @TempDir
    Path temp;

    private Path bin;

    @BeforeEach
    void unixOnly() throws IOException {
        assumeTrue(!System.getProperty("os.name").toLowerCase().contains("win"), "shell scripts");
        bin = Files.createDirectories(temp.resolve("bin"));
    }

    private void program(String name, String script) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private SystemFolderOpener opener(Map<String, String> env) {
        return new SystemFolderOpener(env::get, "Linux");
    }

    @Test
    void theTerminalIsTheUsersChoiceElseTheFirstOfTheUsualOnesFound() throws IOException {
        program("konsole", "exit 0");
        program("xterm", "exit 0");
        program("kitty", "exit 0");
        String path = bin.toString();

        assertThat(opener(Map.of("PATH", path)).terminal()).contains(List.of(bin.resolve("konsole").toString()));
        assertThat(opener(Map.of("PATH", path, "TERMINAL", "kitty --single-instance")).terminal())
                .contains(List.of(bin.resolve("kitty").toString(), "--single-instance"));
        assertThat(opener(Map.of("PATH", path, "TERMINAL", "not-installed")).terminal())
                .as("a $TERMINAL that is not there").contains(List.of(bin.resolve("konsole").toString()));
        assertThat(opener(Map.of("PATH", temp.resolve("empty").toString())).terminal()).isEmpty();
    }

    @Test
    void noTerminalIsToldInASentence() {
        assertThatThrownBy(() -> opener(Map.of("PATH", bin.toString())).openTerminal(temp))
                .isInstanceOf(IOException.class)
                .hasMessage("No terminal found: set $TERMINAL, or install one of x-terminal-emulator, gnome-terminal, "
                        + "konsole, xterm. The folder is " + temp);
        assertThatThrownBy(() -> opener(Map.of("PATH", bin.toString())).openInFileManager(temp))
                .hasMessage("No file manager opener (xdg-open) is installed; the folder is " + temp);
    }

    @Test
    void theTerminalStartsInTheFolderAndOneThatFailsAtOnceIsReported() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("code folder"));
        Path seen = temp.resolve("seen");
        program("xterm", "pwd > '" + seen + "'");
        opener(Map.of("PATH", bin.toString())).openTerminal(folder);
        waitFor(seen);
        assertThat(Files.readString(seen).strip()).isEqualTo(folder.toString());

        program("xdg-open", "echo \"$1\" > '" + seen + "'; exit 4");
        assertThatThrownBy(() -> opener(Map.of("PATH", bin.toString())).openInFileManager(folder))
                .hasMessage("xdg-open could not open " + folder + " (exit code 4)");
        assertThatThrownBy(() -> opener(Map.of("PATH", bin.toString())).openInFileManager(temp.resolve("gone")))
                .hasMessage(temp.resolve("gone") + " is not there any more");
    }

    /** The script of a started program wrote its line. */
    private static void waitFor(Path file) throws Exception {
        for (int i = 0; i < 50 && !(Files.exists(file) && Files.readString(file).endsWith("\n")); i++) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        assertThat(file).exists();
    }
}
