package dev.topograph.model.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform packages a generated system uses: those its services and gateways import (or run with
 * {@code go generate}) and, in turn, what those import of the platform. Read from the generated code
 * itself, so the list cannot drift from the templates. The platform holds a package for every engine;
 * the Makefile tests and vets only these, so a design without SQLite or Kafka never compiles their
 * drivers for {@code make test}.
 */
final class PlatformPackages {
    private static final Pattern TOOL = Pattern.compile("(?m)^//go:generate go tool ([a-z0-9_-]+)");

    private PlatformPackages() {
    }

    /** Paths relative to the platform module ({@code config}, {@code store/postgresdb}), sorted. */
    static List<String> usedBy(List<GeneratedFile> files, String platformModule) {
        Pattern reference = Pattern.compile(Pattern.quote(platformModule) + "/([a-z0-9_]+(?:/[a-z0-9_]+)*)");
        Set<String> used = new TreeSet<>();
        List<String> frontier = new ArrayList<>();
        for (GeneratedFile f : files) {
            if (f.path().endsWith(".go") && !f.path().startsWith("platform/")) {
                Matcher m = reference.matcher(f.content());
                while (m.find()) {
                    if (used.add(m.group(1))) {
                        frontier.add(m.group(1));
                    }
                }
                // //go:generate go tool protobuild: a command of the platform's, run before anything compiles.
                Matcher tool = TOOL.matcher(f.content());
                while (tool.find()) {
                    String command = "cmd/" + tool.group(1);
                    if (files.stream().anyMatch(p -> inPackage(p.path(), command)) && used.add(command)) {
                        frontier.add(command);
                    }
                }
            }
        }
        while (!frontier.isEmpty()) {
            String pkg = frontier.remove(frontier.size() - 1);
            for (GeneratedFile f : files) {
                if (inPackage(f.path(), pkg) && !f.path().endsWith("_test.go")) {
                    Matcher m = reference.matcher(f.content());
                    while (m.find()) {
                        if (used.add(m.group(1))) {
                            frontier.add(m.group(1));
                        }
                    }
                }
            }
        }
        return List.copyOf(used);
    }

    private static boolean inPackage(String path, String pkg) {
        String prefix = "platform/" + pkg + "/";
        return path.startsWith(prefix) && path.endsWith(".go") && path.indexOf('/', prefix.length()) < 0;
    }
}
