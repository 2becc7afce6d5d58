package dev.topograph.app.launch;

import dev.topograph.model.topology.Topology;

/**
 * Takes a design to a running system: plan, build, start in dependency order, wait healthy,
 * watch, stop (DESIGN.md §5). One implementation per launch mode family.
 */
public interface Launcher {

    /**
     * Validates, generates and starts the design; returns as soon as the run is under way.
     *
     * @throws LaunchException when the design has errors, cannot be generated, or the machine lacks
     *                         what the mode needs (Go, a Docker engine) or a port the design needs
     */
    Run launch(Topology topology, RunListener listener) throws LaunchException;
}
