package dev.topograph.app.launch;

import dev.topograph.app.files.UserDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where runs keep what they make: one folder per project under {@code runs/} (its record, logs and
 * generated system) and a build cache shared by all runs under {@code cache/}. Throwaway data of
 * servers lives in the system temp folder, where a server's own user can reach it, and is listed in
 * the run's record so a sweep finds it.
 */
public record RunHome(Path root) {

    public static RunHome of(UserDirectories directories) {
        return new RunHome(directories.data());
    }

    /** The folder of one project's run. */
    public Path project(String project) {
        return root.resolve("runs").resolve(key(project));
    }

    public Path runs() {
        return root.resolve("runs");
    }

    /** A design generated afresh to warm Go's build cache with its dependencies while the user draws. */
    public Path warmUp() {
        return root.resolve("cache").resolve("warm-up");
    }

    /** Built binaries, keyed by the hash of their sources. */
    public Path binaries() {
        return root.resolve("cache").resolve("bin");
    }

    /**
     * The name start of a throwaway data folder of {@code node}: the project's key and "--", which no key
     * contains, so one project's sweep never takes another's folders.
     */
    public static String tempPrefix(String project, String node) {
        return tempPrefix(project) + node + "-";
    }

    /**
     * A new throwaway data folder of {@code node} in the temp folder, holding {@value #OWNER_FILE}: the
     * launcher that made it, so a sweep takes the folders of dead launchers only, record or no record.
     */
    public static Path newDataFolder(String project, String node) throws IOException {
        Path folder = Files.createTempDirectory(tempPrefix(project, node));
        ProcessHandle self = ProcessHandle.current();
        Files.writeString(folder.resolve(OWNER_FILE), self.pid() + " " + Processes.startOf(self) + "\n");
        return folder;
    }

    /**
     * Whether the launcher that made a throwaway data folder still runs. A folder that does not say
     * (made by an older Topograph, or this very moment) counts as owned for its first seconds only.
     */
    public static boolean ownerAlive(Path folder) {
        try {
            String[] owner = Files.readString(folder.resolve(OWNER_FILE)).trim().split(" ");
            return Processes.alive(Long.parseLong(owner[0]), Long.parseLong(owner[1]));
        } catch (IOException | RuntimeException e) {
            try {
                return Files.getLastModifiedTime(folder).toInstant()
                        .isAfter(java.time.Instant.now().minusSeconds(10));
            } catch (IOException gone) {
                return false;
            }
        }
    }

    /** The value of {@value Leftovers#LAUNCHER_LABEL} on the containers this process starts: its pid and start time. */
    public static String launcherLabel() {
        ProcessHandle self = ProcessHandle.current();
        return self.pid() + "-" + Processes.startOf(self);
    }

    /** Whether the launcher a container's {@value Leftovers#LAUNCHER_LABEL} names still runs; false when unnamed. */
    public static boolean launcherAlive(String label) {
        String[] parts = label == null ? new String[0] : label.split("-");
        try {
            return parts.length == 2 && Processes.alive(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The file in a throwaway data folder that names the launcher that made it ("pid start-ms"). */
    public static final String OWNER_FILE = ".topograph-launcher";

    /** The name start of every throwaway data folder of a project. */
    public static String tempPrefix(String project) {
        return "topograph-" + key(project) + "--";
    }

    /** A project name as a folder and label value: lower case letters, digits and dashes. */
    public static String key(String project) {
        String key = project.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return key.isEmpty() ? "design" : key;
    }
}
