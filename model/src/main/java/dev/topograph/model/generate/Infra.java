package dev.topograph.model.generate;

import dev.topograph.model.topology.Engine;

/**
 * What generated code needs to know of each infrastructure engine: its well-known port, the
 * environment variable a service reads to reach it, and the value of that variable on this
 * machine and inside a deployment where the node answers at its id.
 */
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

    /** The public image that serves the engine in compose files and Docker runs; empty for SQLite. */
    static String image(Engine engine) {
        return switch (engine) {
            case NATS -> "nats:2.11-alpine";
            case RABBITMQ -> "rabbitmq:4-management-alpine";
            case KAFKA -> "apache/kafka:4.0.0";
            case REDIS -> "redis:7-alpine";
            case MEMCACHED -> "memcached:1.6-alpine";
            case POSTGRES -> "postgres:17-alpine";
            case MYSQL -> "mysql:8.4";
            case SQLITE -> "";
        };
    }

    /** Whether the engine runs as a server of its own (SQLite is a file in the service). */
    static boolean isServer(Engine engine) {
        return engine != Engine.SQLITE;
    }

    /**
     * Whether a deployment gives the engine a password, so that the variable a service reads holds
     * credentials and comes from a Secret. Brokers and caches without one are reachable only by the
     * services drawn using them (network policies); a SQLite path holds nothing to hide.
     */
    static boolean hasCredentials(Engine engine) {
        return switch (engine) {
            case POSTGRES, MYSQL, RABBITMQ -> true;
            case NATS, KAFKA, REDIS, MEMCACHED, SQLITE -> false;
        };
    }

    /** The variable a service reads to reach a node of this engine. */
    static String envVar(Engine engine) {
        return switch (engine) {
            case NATS -> "NATS_URL";
            case RABBITMQ -> "RABBITMQ_URL";
            case KAFKA -> "KAFKA_BROKERS";
            case REDIS -> "REDIS_ADDR";
            case MEMCACHED -> "MEMCACHED_ADDR";
            case POSTGRES, MYSQL, SQLITE -> "DATABASE_URL";
        };
    }

    /** The database name of a database node: its id with underscores, which every engine accepts. */
    static String dbName(String id) {
        return id.replace('-', '_');
    }

    /**
     * Where a node answers when it runs at {@code host}: the value of {@link #envVar}. No value holds
     * a password: the local servers trust local connections (RabbitMQ's built-in guest account is
     * amqp091's default), and deployments that need one put the whole value in a Secret.
     */
    static String url(Engine engine, String host, String id) {
        String db = dbName(id);
        return switch (engine) {
            case NATS -> "nats://" + host + ":4222";
            case RABBITMQ -> "amqp://" + host + ":5672/";
            case KAFKA -> host + ":9092";
            case REDIS -> host + ":6379";
            case MEMCACHED -> host + ":11211";
            case POSTGRES -> "postgres://postgres@" + host + ":5432/" + db + "?sslmode=disable";
            case MYSQL -> "root@tcp(" + host + ":3306)/" + db;
            case SQLITE -> "data/" + db + ".sqlite";
        };
    }

    /** The default a service falls back to when its variable is unset: the node on this machine. */
    static String localUrl(Engine engine, String id) {
        return url(engine, "127.0.0.1", id);
    }

    /** The value inside a container, where the node answers at its id and a SQLite file lives on a volume. */
    static String containerUrl(Engine engine, String id) {
        return engine == Engine.SQLITE ? "/" + url(engine, id, id) : url(engine, id, id);
    }
}
