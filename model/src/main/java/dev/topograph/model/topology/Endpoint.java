package dev.topograph.model.topology;

import java.util.Objects;

/** One HTTP endpoint a service offers: a method and a Go 1.22 {@code ServeMux} path pattern. */
public record Endpoint(String method, String path) {
    public Endpoint {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
    }

    /** {@code "GET /orders/{id}"}, the form a Go 1.22 mux pattern takes. */
    public String pattern() {
        return method + " " + path;
    }
}
