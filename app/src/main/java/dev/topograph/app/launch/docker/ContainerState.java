package dev.topograph.app.launch.docker;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * What the engine says about a container at one moment.
 *
 * @param running whether its process runs (paused and restarting count as running)
 * @param exitCode the exit code of its last run; 0 while it has never exited
 * @param health the state of its healthcheck, {@link Health#NONE} without one
 * @param oomKilled whether the kernel killed it for using more memory than allowed
 * @param finishedAt when its last run ended, empty while it has never ended
 */
public record ContainerState(boolean running, long exitCode, Health health, boolean oomKilled, Optional<Instant> finishedAt) {

    /** The states of a container's healthcheck, as the engine names them. */
    public enum Health {
        NONE, STARTING, HEALTHY, UNHEALTHY;

        static Health of(String engineName) {
            if (engineName == null || engineName.isBlank()) {
                return NONE;
            }
            try {
                return valueOf(engineName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                return NONE;
            }
        }
    }
}
