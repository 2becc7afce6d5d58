package dev.topograph.model.topology;

import java.util.Objects;
import java.util.Optional;

/**
 * A piece of infrastructure we run but do not generate: a queue, a cache or a database. Its
 * {@link Engine} always belongs to its kind.
 */
public record InfraNode(String id, NodeKind kind, Optional<String> context, Engine engine, Optional<Layout> layout)
        implements Node {

    public InfraNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(layout, "layout");
        if (engine.kind() != kind) {
            throw new IllegalArgumentException("engine " + engine.json() + " cannot serve a " + kind.json());
        }
    }

    /** A new node of an infrastructure kind with its default engine. */
    public static InfraNode of(String id, NodeKind kind) {
        Engine engine = Engine.defaultFor(kind)
                .orElseThrow(() -> new IllegalArgumentException(kind.json() + " is not an infrastructure kind"));
        return new InfraNode(id, kind, Optional.empty(), engine, Optional.empty());
    }

    @Override
    public InfraNode withId(String newId) {
        return new InfraNode(newId, kind, context, engine, layout);
    }

    @Override
    public InfraNode withContext(Optional<String> newContext) {
        return new InfraNode(id, kind, newContext, engine, layout);
    }

    @Override
    public InfraNode withLayout(Optional<Layout> newLayout) {
        return new InfraNode(id, kind, context, engine, newLayout);
    }

    public InfraNode withEngine(Engine newEngine) {
        return new InfraNode(id, kind, context, newEngine, layout);
    }
}
