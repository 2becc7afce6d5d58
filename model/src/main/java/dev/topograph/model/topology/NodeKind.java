package dev.topograph.model.topology;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of node a topology can hold, with the spelling the project file uses. */
public enum NodeKind {
    SERVICE("service"),
    GATEWAY("gateway"),
    QUEUE("queue"),
    CACHE("cache"),
    DATABASE("database");

    private final String json;

    NodeKind(String json) {
        this.json = json;
    }

    /** The name used in the project file. */
    public String json() {
        return json;
    }

    /** Whether nodes of this kind hold data (caches and databases). */
    public boolean isDataStore() {
        return this == CACHE || this == DATABASE;
    }

    /** Whether nodes of this kind run our own code and listen on a port. */
    public boolean isRunnable() {
        return this == SERVICE || this == GATEWAY;
    }

    public static Optional<NodeKind> fromJson(String name) {
        return Arrays.stream(values()).filter(k -> k.json.equals(name)).findFirst();
    }
}
