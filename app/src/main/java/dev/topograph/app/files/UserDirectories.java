package dev.topograph.app.files;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Where Topograph keeps what belongs to the user rather than to a design: settings such as the
 * recent files in {@code config}, recovery copies of unsaved designs in {@code data}. Follows the
 * platform's conventions (XDG on Linux); the system property {@value #DATA_DIR_PROPERTY} puts both
 * in one folder, so tests and portable installs never touch the user's home.
 */
public record UserDirectories(Path config, Path data) {
    /** System property naming one folder for settings and data alike. */
    public static final String DATA_DIR_PROPERTY = "topograph.dataDir";

    /** The folders of this user on this machine, honouring {@value #DATA_DIR_PROPERTY}. */
    public static UserDirectories fromSystem() {
        return of(System::getProperty, System::getenv);
    }

    static UserDirectories of(UnaryOperator<String> property, UnaryOperator<String> environment) {
        String override = property.apply(DATA_DIR_PROPERTY);
        if (override != null && !override.isBlank()) {
            Path dir = Path.of(override).toAbsolutePath();
            return new UserDirectories(dir, dir);
        }
        Path home = Path.of(property.apply("user.home"));
        String os = property.apply("os.name").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            Path dir = home.resolve("Library/Application Support/Topograph");
            return new UserDirectories(dir, dir);
        }
        if (os.contains("win")) {
            return new UserDirectories(
                    orElse(environment.apply("APPDATA"), home.resolve("AppData/Roaming")).resolve("Topograph"),
                    orElse(environment.apply("LOCALAPPDATA"), home.resolve("AppData/Local")).resolve("Topograph"));
        }
        return new UserDirectories(
                orElse(environment.apply("XDG_CONFIG_HOME"), home.resolve(".config")).resolve("topograph"),
                orElse(environment.apply("XDG_DATA_HOME"), home.resolve(".local/share")).resolve("topograph"));
    }

    /** Where the recovery copies of unsaved designs live. */
    public Path recovery() {
        return data.resolve("recovery");
    }

    /** The list of recently opened designs. */
    public Path recentFiles() {
        return config.resolve("recent-files.json");
    }

    /** The folder the user last generated code into (Generate proposes the next one beside it). */
    public Path lastCodeFolder() {
        return config.resolve("last-code-folder.json");
    }

    // XDG: a relative or empty value is invalid and must be ignored.
    private static Path orElse(String value, Path fallback) {
        return value == null || value.isBlank() || !Path.of(value).isAbsolute() ? fallback : Path.of(value);
    }
}
