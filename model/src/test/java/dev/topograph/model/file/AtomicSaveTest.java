package dev.topograph.model.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.topograph.model.topology.GatewayNode;
import dev.topograph.model.topology.Topology;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving replaces the file in one step: readers see the old file or the new one, and nothing is left behind. */
class AtomicSaveTest {

    private final ProjectFile projectFile = new ProjectFile();
    private final Topology older = Topology.empty("shop");
    private final Topology newer = Topology.empty("shop").withNodes(List.of(GatewayNode.of("gateway", 8080)));

    @TempDir
    Path dir;

    @Test
    void savingOverAnExistingFileReplacesItAndLeavesNoTempFile() throws Exception {
        Path file = dir.resolve("shop.topology.json");
        projectFile.save(older, file);

        projectFile.save(newer, file);

        assertThat(Files.readString(file)).isEqualTo(projectFile.write(newer));
        assertThat(projectFile.load(file)).isEqualTo(newer);
        assertThat(namesIn(dir)).containsExactly("shop.topology.json");
    }

    @Test
    void savingANewFileCreatesItAndItsFolders() throws Exception {
        Path file = dir.resolve("a/b/new.topology.json");

        projectFile.save(newer, file);

        assertThat(projectFile.load(file)).isEqualTo(newer);
        assertThat(namesIn(file.getParent())).containsExactly("new.topology.json");
    }

    @Test
    void savingByARelativePathWorks() throws Exception {
        Path relative = Path.of("target", "atomic-save-" + ProcessHandle.current().pid() + ".topology.json");
        try {
            projectFile.save(newer, relative);

            assertThat(projectFile.load(relative)).isEqualTo(newer);
        } finally {
            Files.deleteIfExists(relative);
        }
    }

    @Test
    void savingIntoAReadOnlyFolderFailsAndKeepsTheOldFile() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Path file = dir.resolve("shop.topology.json");
        projectFile.save(older, file);
        byte[] before = Files.readAllBytes(file);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            abortIfPermissionsDoNotBind();

            ProjectFileException e = refusedToSave(newer, file);

            assertThat(e.source()).isEqualTo("shop.topology.json");
            assertThat(e.problem()).startsWith("cannot save " + file);
            assertThat(e.getCause()).isInstanceOf(AccessDeniedException.class);
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
            assertThat(namesIn(dir)).containsExactly("shop.topology.json");
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Fails after the temp file is written, even for root, so it proves the temp file is cleaned up. */
    @Test
    void aSaveThatFailsAtTheRenameLeavesNoTempFileBehind() throws Exception {
        Path target = dir.resolve("taken.topology.json");
        Files.createDirectories(target.resolve("inside"));

        ProjectFileException e = refusedToSave(newer, target);

        assertThat(e.problem()).startsWith("cannot save");
        assertThat(namesIn(dir)).containsExactly("taken.topology.json");
        assertThat(Files.isDirectory(target.resolve("inside"))).isTrue();
    }

    @Test
    void savingBelowAFileFails() throws Exception {
        Path blocker = dir.resolve("not-a-folder");
        Files.writeString(blocker, "x");

        ProjectFileException e = refusedToSave(newer, blocker.resolve("shop.topology.json"));

        assertThat(e.problem()).startsWith("cannot save");
        assertThat(Files.readString(blocker)).isEqualTo("x");
        assertThat(namesIn(dir)).containsExactly("not-a-folder");
    }

    @Test
    void atomicFilesWritesExactlyTheBytesGiven() throws Exception {
        Path file = dir.resolve("raw.bin");
        byte[] content = "héllo\n\u0000".getBytes(UTF_8);

        AtomicFiles.write(file, content);
        AtomicFiles.write(file, content);

        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(namesIn(dir)).containsExactly("raw.bin");
    }

    private ProjectFileException refusedToSave(Topology topology, Path file) {
        try {
            projectFile.save(topology, file);
        } catch (ProjectFileException e) {
            return e;
        }
        return fail("saved %s", file);
    }

    /** Root (as in many CI containers) writes into read-only folders anyway; then this test cannot say anything. */
    private void abortIfPermissionsDoNotBind() throws IOException {
        Path probe = dir.resolve("probe");
        try {
            Files.createFile(probe);
        } catch (AccessDeniedException expected) {
            return;
        }
        Files.delete(probe);
        abort("this user writes into read-only folders (root?): permissions cannot make a save fail here");
    }

    private static List<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
