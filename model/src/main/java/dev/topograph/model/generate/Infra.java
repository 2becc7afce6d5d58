package dev.topograph.model.generate;

import dev.topograph.model.topology.Engine;

/** Well-known ports of the infrastructure engines, as the generated defaults and manifests use them. */
final class Infra {
    private Infra() {
    }

    static int port(Engine engine) {
        return switch (engine) {
            case NATS -> 4222;
            case RABBITMQ -> 5672;
            case KAFKA -> 9092;
            case REDIS -> 6379;
            case MEMCACHED -> 11211;
            case POSTGRES -> 5432;
            case MYSQL -> 3306;
            case SQLITE -> 0;
        };
    }
}
