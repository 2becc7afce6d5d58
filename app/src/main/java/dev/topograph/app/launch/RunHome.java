package dev.topograph.app.launch;

import dev.topograph.app.files.UserDirectories;
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
