package dev.topograph.app.designer.files;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The {@link FolderOpener} of this machine. Linux and other Unixes: {@code xdg-open} for the file
 * manager; for a terminal {@code $TERMINAL}, else the first of {@value #TERMINAL_NAMES} on the
 * {@code PATH}. macOS: {@code open}; Windows: Explorer and {@code cmd}. The process is left
 * running (a terminal lives as long as the user keeps it); one that fails at once is reported.
 */
public final class SystemFolderOpener implements FolderOpener {
    /** The terminals looked for, in order, when {@code $TERMINAL} names none. */
    static final String TERMINAL_NAMES = "x-terminal-emulator, gnome-terminal, konsole, xterm";
    private static final List<String> TERMINALS = List.of(TERMINAL_NAMES.split(", "));
    /** How long a started opener may take to fail before it counts as started. */
    private static final long FAIL_FAST_MILLIS = 1500;

    private final UnaryOperator<String> environment;
    private final String os;

    public SystemFolderOpener() {
        this(System::getenv, System.getProperty("os.name", ""));
    }

    /** An opener that reads {@code PATH} and {@code TERMINAL} from {@code environment} (tests give their own). */
    SystemFolderOpener(UnaryOperator<String> environment, String os) {
        this.environment = environment;
        this.os = os.toLowerCase(Locale.ROOT);
    }

    @Override
    public void openInFileManager(Path folder) throws IOException {
        requireFolder(folder);
        if (os.contains("win")) {
            // Explorer's exit code says nothing about success.
            start(List.of("explorer.exe", folder.toString()), folder);
            return;
        }
        String opener = os.contains("mac") ? "open" : "xdg-open";
        Path program = onPath(opener).orElseThrow(() -> new IOException("No file manager opener (" + opener
                + ") is installed; the folder is " + folder));
        failedAtOnce(start(List.of(program.toString(), folder.toString()), folder), opener + " could not open " + folder);
    }

    @Override
    public void openTerminal(Path folder) throws IOException {
        requireFolder(folder);
        List<String> command = terminal().orElseThrow(() -> new IOException("No terminal found: set $TERMINAL, or "
                + "install one of " + TERMINAL_NAMES + ". The folder is " + folder));
        failedAtOnce(start(command, folder), "The terminal " + command.get(0) + " did not start");
    }

    /** The command that opens a terminal in the current folder, if this machine has one. */
    Optional<List<String>> terminal() {
        if (os.contains("mac")) {
            return Optional.of(List.of("open", "-a", "Terminal", "."));
        }
        if (os.contains("win")) {
            return Optional.of(List.of("cmd.exe", "/c", "start", "cmd.exe"));
        }
        String chosen = environment.apply("TERMINAL");
        if (chosen != null && !chosen.isBlank()) {
            List<String> words = Arrays.asList(chosen.strip().split("\\s+"));
            Optional<Path> program = onPath(words.get(0));
            if (program.isPresent()) {
                List<String> command = new ArrayList<>(words);
                command.set(0, program.get().toString());
                return Optional.of(List.copyOf(command));
            }
        }
        for (String name : TERMINALS) {
            Optional<Path> program = onPath(name);
            if (program.isPresent()) {
                return Optional.of(List.of(program.get().toString()));
            }
        }
        return Optional.empty();
    }

    /** The executable called {@code name} (or at that path) the way a shell finds it. */
    Optional<Path> onPath(String name) {
        try {
            if (name.contains(File.separator)) {
                Path p = Path.of(name);
                return Files.isExecutable(p) && !Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
            }
            String path = environment.apply("PATH");
            if (path == null) {
                return Optional.empty();
            }
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    Path candidate = Path.of(dir, name);
                    if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                        return Optional.of(candidate);
                    }
                }
            }
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static void requireFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + " is not there any more");
        }
    }

    private static Process start(List<String> command, Path folder) throws IOException {
        Process process = new ProcessBuilder(command).directory(folder.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        process.getOutputStream().close();
        return process;
    }

    private static void failedAtOnce(Process process, String message) throws IOException {
        try {
            if (process.waitFor(FAIL_FAST_MILLIS, TimeUnit.MILLISECONDS) && process.exitValue() != 0) {
                throw new IOException(message + " (exit code " + process.exitValue() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
