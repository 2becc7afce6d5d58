package dev.topograph.app.launch.docker;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns the engine's log frames into whole lines. Frames follow the container's writes, not its
 * lines: one line may span frames and one frame may hold several lines, so each stream keeps its
 * unfinished bytes until the newline comes (bytes, so a character split across frames stays whole).
 */
final class LogLines {
    private final Consumer<String> line;
    private final Map<StreamType, ByteArrayOutputStream> pending = new EnumMap<>(StreamType.class);

    LogLines(Consumer<String> line) {
        this.line = line;
    }

    synchronized void accept(Frame frame) {
        ByteArrayOutputStream buffer = pending.computeIfAbsent(frame.getStreamType(), type -> new ByteArrayOutputStream());
        for (byte b : frame.getPayload()) {
            if (b == '\n') {
                emit(buffer);
            } else {
                buffer.write(b);
            }
        }
    }

    /** Hands over what is left without a final newline: the stream has ended. */
    synchronized void flush() {
        pending.values().forEach(buffer -> {
            if (buffer.size() > 0) {
                emit(buffer);
            }
        });
    }

    private void emit(ByteArrayOutputStream buffer) {
        String text = buffer.toString(StandardCharsets.UTF_8);
        buffer.reset();
        line.accept(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
    }
}
