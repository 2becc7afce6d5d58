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
            return project + ": " + (parts.isEmpty() ? "a stale run record" : String.join(", ", parts));
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

    /** Every project whose last run's launcher is gone, with what it left. */
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

    /** The leftovers of one project, if its record says a killed launcher left some. */
    public Optional<Found> of(String project) {
        return find(home.project(project));
    }

    private Optional<Found> find(Path folder) {
        Optional<RunRecord> record = RunRecord.read(folder);
        if (record.isEmpty() || record.get().launcherAlive()) {
            return Optional.empty();
        }
        RunRecord r = record.get();
        List<ProcessHandle> processes = new ArrayList<>(r.nodes().stream()
                .flatMap(n -> Processes.find(n.pid(), n.pidStart()).stream()).toList());
        java.util.Set<Path> data = new java.util.TreeSet<>(r.nodes().stream().map(RunRecord.Node::dataDir)
                .filter(d -> !d.isBlank()).map(Path::of).filter(Files::exists).toList());
        // A launcher killed while a server was starting never recorded it: its data folder names the project.
        data.addAll(tempFolders(r.project()));
        List<String> dirs = data.stream().map(Path::toString).toList();
        ProcessHandle.allProcesses().filter(p -> !processes.contains(p))
                .filter(p -> p.info().commandLine().map(c -> dirs.stream().anyMatch(c::contains)).orElse(false))
                .filter(p -> p.parent().map(parent -> !dirs.stream().anyMatch(d -> parent.info().commandLine()
                        .map(c -> c.contains(d)).orElse(false))).orElse(true))
                .forEach(processes::add);
        List<String> labelled = containers.map(c -> c.labelled(RunHome.key(r.project()))).orElse(List.of());
        return Optional.of(new Found(r.project(), folder, List.copyOf(processes), labelled, List.copyOf(data)));
    }

    /** Throwaway data folders of a project's servers ({@link RunHome#tempPrefix} in the temp folder). */
    static List<Path> tempFolders(String project) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> all = Files.list(tmp)) {
            String prefix = RunHome.tempPrefix(project);
            return all.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(Files::isDirectory).toList();
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
