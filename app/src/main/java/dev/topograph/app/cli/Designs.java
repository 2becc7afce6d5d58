package dev.topograph.app.cli;

import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.launch.RunHome;
import dev.topograph.app.launch.RunRecord;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.file.ProjectFileException;
import dev.topograph.model.generate.CodeFolder;
import dev.topograph.model.topology.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** What the commands that name a design share: reading its file, and finding its run on this machine. */
final class Designs {
    private Designs() {
    }

    /** The design in {@code file}; empty after telling {@code err} where and why it cannot be read. */
    static Optional<Topology> load(Path file, PrintWriter err) {
        try {
            return Optional.of(new ProjectFile().load(file));
        } catch (ProjectFileException e) {
            err.println(e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Where a command that builds the design builds it: {@code out} when given, else the design's
     * code folder; empty after telling {@code err} how to give the design one.
     */
    static Optional<Path> codeFolder(Path file, Optional<Path> out, String command, PrintWriter err) {
        if (out.isPresent()) {
            return Optional.of(out.get().toAbsolutePath().normalize());
        }
        Optional<CodeFolder> folder = CodeFolder.of(file);
        if (folder.isEmpty()) {
            Path parent = file.toAbsolutePath().normalize().getParent();
            String name = file.getFileName().toString().replace(ProjectFile.SUFFIX, "");
            err.println("topograph " + command + ": " + file + " has no code folder yet, so there is no code of yours to "
                    + "build.\n  Give it one:  topograph generate " + file + " --out " + parent.resolve(name)
                    + "\n  then use the design there:  topograph " + command + " " + parent.resolve(name)
                    .resolve(name + ProjectFile.SUFFIX) + "\n  Or " + command + " the bare design, generated afresh into "
                    + "a throwaway folder:  topograph " + command + " --scratch " + file);
            return Optional.empty();
        }
        return Optional.of(folder.get().root());
    }

    /** The folder of the design's runs: record, logs, generated system. */
    static Path runFolder(Topology topology) {
        return RunHome.of(UserDirectories.fromSystem()).project(RunHome.key(topology.name()));
    }

    /** The record of the design's run, whether or not its launcher still lives. */
    static Optional<RunRecord> record(Topology topology) {
        return RunRecord.read(runFolder(topology));
    }

    /** The record of the design's run while its launcher lives. */
    static Optional<RunRecord> running(Topology topology) {
        return record(topology).filter(RunRecord::launcherAlive);
    }
}
