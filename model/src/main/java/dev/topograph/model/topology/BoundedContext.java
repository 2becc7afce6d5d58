package dev.topograph.model.topology;

import java.util.Objects;

/** A bounded context: a named group of nodes that share one model of the business. */
public record BoundedContext(String id, String name) {
    public BoundedContext {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }

    public BoundedContext withId(String newId) {
        return new BoundedContext(newId, name);
    }
}
