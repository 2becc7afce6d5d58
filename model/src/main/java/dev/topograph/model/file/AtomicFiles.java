package dev.topograph.model.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a file so that a crash at any moment leaves the old content or the new one: write a
 * temp file beside it, fsync, rename over the target, fsync the folder.
 */
public final class AtomicFiles {
    // A temp name unique to this process and write: cheaper than Files.createTempFile's random name
    // (a SecureRandom draw and an attribute set per file, a tenth of a cold generation of 800 files).
    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, true);
    }

    /**
     * Writes atomically; {@code durable} adds the fsyncs that make the new content survive a power
     * cut. Reproducible output (a generated tree) skips them: a crash still leaves the old file or
     * the new one, and the fsyncs cost seconds on a large tree.
     */
    public static void write(Path target, byte[] content, boolean durable) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + absolute.getFileName() + "." + PID + "." + SEQUENCE.incrementAndGet() + ".tmp");
        try {
            // CREATE_NEW: a name left by a crashed write of this pid is refused, never written through.
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (durable) {
                    channel.force(true);
                }
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            if (durable) {
                syncDirectory(dir);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a folder for sync; the rename is still atomic there.
        }
    }
}
