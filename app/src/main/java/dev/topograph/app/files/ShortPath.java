package dev.topograph.app.files;

import java.nio.file.Path;

/**
 * A path as a person reads it in a narrow place: the home folder written {@code ~}, and a long
 * path cut to its last folders ({@code …/work/shop}). The full path belongs in a tooltip.
 */
public final class ShortPath {
    /** The longest text {@link #of(Path)} returns, unless the last folder's name alone is longer. */
    public static final int MAX_LENGTH = 40;

    private ShortPath() {
    }

    /** {@code path} shortened for this user's home folder. */
    public static String of(Path path) {
        return of(path, Path.of(System.getProperty("user.home")), MAX_LENGTH);
    }

    static String of(Path path, Path home, int maxLength) {
        Path absolute = path.toAbsolutePath().normalize();
        Path homeDir = home.toAbsolutePath().normalize();
        String text = absolute.equals(homeDir) ? "~"
                : absolute.startsWith(homeDir) ? "~/" + homeDir.relativize(absolute).toString().replace('\\', '/')
                : absolute.toString();
        if (text.length() <= maxLength || absolute.getNameCount() < 2) {
            return text;
        }
        String tail = absolute.getFileName().toString();
        for (int i = absolute.getNameCount() - 2; i >= 0; i--) {
            String longer = absolute.getName(i) + "/" + tail;
            if (longer.length() + 2 > maxLength) {
                break;
            }
            tail = longer;
        }
        return "…/" + tail;
    }
}
