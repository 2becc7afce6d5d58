package dev.topograph.model.topology;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The HTTP framework a generated service routes with. Every one runs under the same net/http
 * server and middleware (request id, metrics, recover, gzip, logs, timeouts); only the route
 * table differs.
 */
public enum Framework {
    /** Go's own {@code http.ServeMux} with method and wildcard patterns (Go 1.22+). */
    NETHTTP("nethttp"),
    /** github.com/gin-gonic/gin. */
    GIN("gin"),
    /** github.com/labstack/echo/v4. */
    ECHO("echo");

    private final String json;

    Framework(String json) {
        this.json = json;
    }

    /** The value in a project file's {@code framework} field. */
    public String json() {
        return json;
    }

    public static Optional<Framework> fromJson(String name) {
        return Arrays.stream(values()).filter(f -> f.json.equals(name)).findFirst();
    }

    /** The values a project file may name, in order, for messages: {@code nethttp, gin, echo}. */
    public static String names() {
        return Arrays.stream(values()).map(Framework::json).collect(Collectors.joining(", "));
    }
}
