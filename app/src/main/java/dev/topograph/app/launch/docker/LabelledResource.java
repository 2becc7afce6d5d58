package dev.topograph.app.launch.docker;

import java.util.Map;

/**
 * A container or network that carries a given label.
 *
 * @param kind what it is
 * @param id the engine's id
 * @param name its name, without the leading slash the engine puts on container names
 * @param labels all its labels
 */
public record LabelledResource(Kind kind, String id, String name, Map<String, String> labels) {

    public LabelledResource {
        labels = Map.copyOf(labels);
    }

    /** The kinds of resource a project leaves on an engine. */
    public enum Kind {
        CONTAINER, NETWORK
    }
}
