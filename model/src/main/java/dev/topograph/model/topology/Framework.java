package dev.topograph.model.topology;

import java.util.Arrays;
import java.util.Optional;

/** The HTTP framework a generated service uses. */
public enum Framework {
    NETHTTP("nethttp"),
    GIN("gin");

    private final String json;

    Framework(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static Optional<Framework> fromJson(String name) {
        return Arrays.stream(values()).filter(f -> f.json.equals(name)).findFirst();
    }
}
