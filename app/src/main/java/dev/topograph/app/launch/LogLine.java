package dev.topograph.app.launch;

import java.time.Instant;

/** One line a node wrote, or one the launcher wrote about it ({@code fromLauncher}). */
public record LogLine(String node, Instant time, String text, boolean fromLauncher) {
}
