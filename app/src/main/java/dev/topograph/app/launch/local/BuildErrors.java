package dev.topograph.app.launch.local;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code go build} printed and picks the first compiler error as a user sees it on the
 * node: {@code services/orders/internal/handlers/list_orders.go:12: undefined: foo}, the file relative
 * to the generated tree (Go prints it relative to the module it built in), without the column.
 */
final class BuildErrors {
    /**
     * {@code [vet: ][./]file.go:line[:col]: message}. Older Go prefixed vet findings with "vet: ";
     * go.mod errors carry no column.
     */
    private static final Pattern POSITION = Pattern.compile(
            "^(?:vet: )?(.+?\\.(?:go|mod|sum|work|s)):(\\d+)(?::\\d+)?: (.+)$");

    private BuildErrors() {
    }

    /**
     * The first {@code file:line: message} of {@code output}, the file relative to {@code systemRoot};
     * empty when no line names a position (a module that cannot be downloaded, a timeout).
     *
     * @param module the folder {@code go build} ran in, relative to {@code systemRoot} ({@code services/orders})
     */
    static Optional<String> firstError(String output, Path systemRoot, String module) {
        for (String line : output.split("\\R")) {
            Matcher m = POSITION.matcher(line.strip());
            if (m.matches()) {
                return Optional.of(inTree(m.group(1), systemRoot, module) + ":" + m.group(2) + ": " + m.group(3).strip());
            }
        }
        return Optional.empty();
    }

    /**
     * What to show on a node whose build failed: its first compiler error, else the first line that
     * is not a package header or a download note, else {@code fallback}.
     */
    static String summary(String output, Path systemRoot, String module, String fallback) {
        return firstError(output, systemRoot, module).orElseGet(() -> output.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("go: downloading")
                        && !l.startsWith("go build ") && !l.startsWith("go generate "))
                .findFirst().orElse(fallback));
    }

    /** {@code internal/x.go}, {@code ./internal/x.go}, {@code ../../platform/x.go} or an absolute path, in the tree. */
    private static String inTree(String file, Path systemRoot, String module) {
        Path path = Path.of(file);
        Path root = systemRoot.toAbsolutePath().normalize();
        Path resolved = path.isAbsolute() ? path.normalize() : root.resolve(module).resolve(path).normalize();
        Path shown = resolved.startsWith(root) ? root.relativize(resolved) : resolved;
        return shown.toString().replace('\\', '/');
    }
}
