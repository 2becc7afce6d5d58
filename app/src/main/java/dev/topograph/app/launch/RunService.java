package dev.topograph.app.launch;

import dev.topograph.app.traces.SpanStore;
import dev.topograph.model.topology.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the designer asks of the launchers: start the open design in a mode, and find and remove
 * what runs left behind when their launcher was killed. Injected into the designer's ViewModel, so
 * its tests pass a fake; the app passes one backed by the local launcher.
 */
public interface RunService {

    /**
     * Checks, generates and starts the design; returns as soon as the run is under way. Blocks for
     * the checks and the generation: never call it on the UI thread.
     *
     * @param designFile the file the design was opened from, if it has one (a run record names it)
     * @throws LaunchException when the design has errors or the machine cannot run it; the message is for the user
     */
    Run start(Topology topology, Optional<Path> designFile, RunSettings.Mode mode, RunListener listener)
            throws LaunchException;

    /**
     * The design is open and may soon run: get ready to build it (the local launcher compiles its
     * dependencies into Go's build cache, in the background, at low priority). Returns at once; call it
     * on any change, it settles on the latest. {@link #start} stops what it does.
     */
    default void prepare(Topology topology) {
    }

    /**
     * Where the spans of this service's runs land, if its runs are traced: the Traces panel reads it.
     * The local service receives them over OTLP on loopback and points every program at its receiver.
     */
    default Optional<SpanStore> traces() {
        return Optional.empty();
    }

    /** What killed runs left on this machine, one entry per project (may touch the disk and Docker). */
    List<Leftovers.Found> leftovers();

    /** Stops the processes, removes the containers and data folders that {@code found} lists. */
    void clean(Leftovers.Found found);
}
