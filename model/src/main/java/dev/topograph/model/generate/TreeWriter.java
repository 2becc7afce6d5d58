package dev.topograph.model.generate;

import dev.topograph.model.file.AtomicFiles;
import dev.topograph.model.generate.GeneratedFile.Ownership;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Puts a generated tree on disk under one root. Refuses any path that would land outside the
 * root, never writes through a symbolic link, writes each file atomically, keeps files the user
 * owns, and leaves files whose content is already right untouched.
 */
public final class TreeWriter {

    /** What a write did, file by file. */
    public record Summary(List<String> added, List<String> changed, List<String> kept, List<String> unchanged) {
        public Summary {
            added = List.copyOf(added);
            changed = List.copyOf(changed);
            kept = List.copyOf(kept);
            unchanged = List.copyOf(unchanged);
        }

        @Override
        public String toString() {
            return added.size() + " added, " + changed.size() + " changed, " + kept.size() + " kept (yours), "
                    + unchanged.size() + " unchanged";
        }
    }

    public Summary write(List<GeneratedFile> files, Path outputRoot) throws IOException {
        Files.createDirectories(outputRoot);
        Path root = outputRoot.toRealPath();
        for (GeneratedFile f : files) {
            resolveInside(root, f.path());
        }
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (GeneratedFile f : files) {
            Path target = resolveInside(root, f.path());
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                if (f.ownership() == Ownership.SCAFFOLD) {
                    kept.add(f.path());
                    continue;
                }
                if (Arrays.equals(Files.readAllBytes(target), f.bytes())) {
                    unchanged.add(f.path());
                    continue;
                }
                changed.add(f.path());
            } else {
                added.add(f.path());
            }
            AtomicFiles.write(target, f.bytes(), false);
            if (f.executable()) {
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        return new Summary(added, changed, kept, unchanged);
    }

    /**
     * The file's place under the root, refusing absolute paths, {@code ..}, and any existing
     * folder or file on the way that is a symbolic link (it could point anywhere).
     */
    static Path resolveInside(Path root, String relative) throws IOException {
        if (relative.isEmpty() || relative.startsWith("/") || relative.contains("\\") || relative.contains("\0")) {
            throw new IOException("refusing to write " + GoSyntax.quote(relative) + ": not a plain relative path");
        }
        Path target = root.resolve(relative).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new IOException("refusing to write " + GoSyntax.quote(relative) + ": it would land outside " + root);
        }
        for (Path p = target; !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new IOException("refusing to write " + GoSyntax.quote(relative) + ": " + root.relativize(p)
                        + " is a symbolic link");
            }
        }
        return target;
    }
}
