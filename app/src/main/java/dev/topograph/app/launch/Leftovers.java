package dev.topograph.app.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What runs left behind when their launcher was killed: a run record whose launcher is gone, with
 * the processes (same pid and start time), containers (by the {@value #PROJECT_LABEL} label) and
 * throwaway data folders it lists. Found at start and removed when the user agrees.
 */
public final class Leftovers {
    /** The label on every container and network of a project. */
    public static final String PROJECT_LABEL = "io.topograph.project";
    /** The label naming the launcher (pid and start time) that started a container, so a sweep spares live runs. */
    public static final String LAUNCHER_LABEL = "io.topograph.launcher";

    /** Containers of a project, when a Docker engine answers. */
    public interface Containers {
        List<String> labelled(String project);

        int removeLabelled(String project);
    }

    /** The leftovers of one project's killed run. */
    public record Found(String project, Path runFolder, List<ProcessHandle> processes, List<String> containers,
            List<Path> dataDirs) {

        public boolean isEmpty() {
            return processes.isEmpty() && containers.isEmpty() && dataDirs.isEmpty();
        }

        /** "shop: 7 processes, 2 containers, 5 data folders". */
        public String describe() {
            return project + ": " + what();
        }

        /** "7 processes, 2 containers, 5 data folders". */
        public String what() {
            List<String> parts = new ArrayList<>();
            if (!processes.isEmpty()) {
                parts.add(count(processes.size(), "process", "processes"));
            }
            if (!containers.isEmpty()) {
                parts.add(count(containers.size(), "container", "containers"));
            }
            if (!dataDirs.isEmpty()) {
                parts.add(count(dataDirs.size(), "data folder", "data folders"));
            }
            return parts.isEmpty() ? "a stale run record" : String.join(", ", parts);
        }

        private static String count(int n, String one, String many) {
            return n + " " + (n == 1 ? one : many);
        }
    }

    private final RunHome home;
    private final Optional<Containers> containers;

    public Leftovers(RunHome home, Optional<Containers> containers) {
        this.home = home;
        this.containers = containers;
    }

    /** Every project whose last run's launcher is gone, with what it left (a stale record counts). */
    public List<Found> find() {
        List<Found> found = new ArrayList<>();
        if (!Files.isDirectory(home.runs())) {
            return found;
        }
        try (Stream<Path> runs = Files.list(home.runs())) {
            for (Path folder : runs.filter(Files::isDirectory).sorted().toList()) {
                find(folder).ifPresent(found::add);
            }
        } catch (IOException e) {
            // An unreadable runs folder: nothing we can clean.
        }
        return found;
    }

    /** What a failed or killed run of one project left, or its stale record; empty while it runs or when nothing is left. */
    public Optional<Found> of(String project) {
        return find(home.project(project));
    }

    /**
     * What a dead launcher left of the project whose run folder this is: with a record, what it lists;
     * with none (a run that failed, or whose stop was cut short), the data folders its servers made
     * and the processes working in them, and its containers. Empty while the project's launcher runs.
     */
    private Optional<Found> find(Path folder) {
        Optional<RunRecord> record = RunRecord.read(folder);
        if (record.isPresent() && record.get().launcherAlive()) {
            return Optional.empty();
        }
        String key = folder.getFileName().toString();
        String project = record.map(RunRecord::project).orElse(key);
        List<RunRecord.Node> nodes = record.map(RunRecord::nodes).orElse(List.of());
        List<ProcessHandle> processes = new ArrayList<>(nodes.stream()
                .flatMap(n -> Processes.find(n.pid(), n.pidStart()).stream()).toList());
        java.util.Set<Path> data = new java.util.TreeSet<>(nodes.stream().map(RunRecord.Node::dataDir)
                .filter(d -> !d.isBlank()).map(Path::of).filter(Files::exists).toList());
        // A launcher killed while a server was starting never recorded it: its data folder names the project.
        data.addAll(tempFolders(key));
        List<String> dirs = data.stream().map(Path::toString).toList();
        ProcessHandle.allProcesses().filter(p -> !processes.contains(p))
                .filter(p -> p.info().commandLine().map(c -> dirs.stream().anyMatch(c::contains)).orElse(false))
                .filter(p -> p.parent().map(parent -> !dirs.stream().anyMatch(d -> parent.info().commandLine()
                        .map(c -> c.contains(d)).orElse(false))).orElse(true))
                .forEach(processes::add);
        // Programs work in the run folder's work/<node> (no launcher of this home runs: its record would say so),
        // servers in their data folders, whatever their command line says now (redis-server rewrites its own).
        List<Path> workplaces = new ArrayList<>(data);
        workplaces.add(folder.resolve("work"));
        ProcessHandle.allProcesses().filter(p -> !processes.contains(p))
                .filter(p -> workingDirectory(p).filter(d -> workplaces.stream().anyMatch(d::startsWith)).isPresent())
                .filter(p -> p.parent().flatMap(Leftovers::workingDirectory)
                        .filter(d -> workplaces.stream().anyMatch(d::startsWith)).isEmpty())
                .forEach(processes::add);
        List<String> labelled = containers.map(c -> c.labelled(key)).orElse(List.of());
        Found found = new Found(project, folder, List.copyOf(processes), labelled, List.copyOf(data));
        return record.isPresent() || !found.isEmpty() ? Optional.of(found) : Optional.empty();
    }

    /** Where a process works, on systems that say (Linux's /proc); empty elsewhere or when it is not ours to see. */
    private static Optional<Path> workingDirectory(ProcessHandle process) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", String.valueOf(process.pid()), "cwd")));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * Throwaway data folders of a project's servers ({@link RunHome#tempPrefix} in the temp folder) whose
     * launcher is gone: another launcher of the same project (another user's data folder, a test) keeps its own.
     */
    static List<Path> tempFolders(String project) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> all = Files.list(tmp)) {
            String prefix = RunHome.tempPrefix(project);
            return all.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(Files::isDirectory).filter(p -> !RunHome.ownerAlive(p)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Stops the processes, removes the containers and data folders, and drops the record. */
    public void clean(Found found) {
        Processes.stopAll(found.processes(), Duration.ofSeconds(5));
        if (!found.containers().isEmpty()) {
            containers.ifPresent(c -> c.removeLabelled(RunHome.key(found.project())));
        }
        found.dataDirs().forEach(ProcessInstance::deleteTree);
        try {
            Files.deleteIfExists(found.runFolder().resolve(RunRecord.FILE));
        } catch (IOException e) {
            // Found again next time, with nothing left to stop.
        }
    }
}
