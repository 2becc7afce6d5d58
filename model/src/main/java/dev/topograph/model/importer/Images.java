package dev.topograph.model.importer;

import dev.topograph.model.topology.Engine;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What well-known images run: the engine of a queue, cache or database, a reverse proxy that
 * stands in front as a gateway, or infrastructure Topograph cannot draw. An image is known by its
 * repository's last path segment, without registry and tag ({@code docker.io/bitnami/postgresql:16}
 * is {@code postgresql}).
 */
final class Images {

    /** What an image is. */
    sealed interface Known permits Infra, Proxy, Undrawable {
    }

    /** An image that serves one of Topograph's engines. */
    record Infra(Engine engine) implements Known {
    }

    /** A reverse proxy: imported as a gateway. */
    record Proxy(String product) implements Known {
    }

    /** Known infrastructure Topograph has no node kind or engine for: reported, never drawn as a service. */
    record Undrawable(String product) implements Known {
    }

    private record Rule(List<String> names, Known known) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(List.of("nats", "nats-streaming"), new Infra(Engine.NATS)),
            new Rule(List.of("rabbitmq"), new Infra(Engine.RABBITMQ)),
            new Rule(List.of("kafka", "cp-kafka", "cp-server", "redpanda"), new Infra(Engine.KAFKA)),
            new Rule(List.of("redis", "redis-stack", "redis-stack-server", "valkey", "keydb"), new Infra(Engine.REDIS)),
            new Rule(List.of("memcached"), new Infra(Engine.MEMCACHED)),
            new Rule(List.of("postgres", "postgresql", "postgis", "timescaledb"), new Infra(Engine.POSTGRES)),
            new Rule(List.of("mysql", "mysql-server", "mariadb", "percona-server", "percona"), new Infra(Engine.MYSQL)),
            new Rule(List.of("nginx", "nginx-unprivileged", "openresty", "traefik", "envoy", "envoy-alpine",
                    "haproxy", "caddy", "kong", "gateway-api"), new Proxy("reverse proxy")),
            new Rule(List.of("mongo", "mongodb", "cassandra", "elasticsearch", "opensearch", "zookeeper",
                    "cp-zookeeper", "etcd", "consul", "minio", "prometheus", "grafana", "jaeger", "all-in-one",
                    "opentelemetry-collector", "opentelemetry-collector-contrib", "otel-collector", "loki",
                    "tempo", "zipkin", "mailhog", "mailpit", "adminer", "pgadmin4", "kafka-ui", "localstack",
                    "vault", "keycloak", "sqlserver", "mssql-server", "oracle", "influxdb", "clickhouse-server",
                    "neo4j", "couchdb", "dynamodb-local"), new Undrawable("infrastructure")));

    private Images() {
    }

    /** The repository name an image reference comes down to: no registry, no path, no tag or digest. */
    static String product(String image) {
        String name = image.trim().toLowerCase(Locale.ROOT);
        int digest = name.indexOf('@');
        if (digest >= 0) {
            name = name.substring(0, digest);
        }
        int slash = name.lastIndexOf('/');
        String last = slash >= 0 ? name.substring(slash + 1) : name;
        int tag = last.indexOf(':');
        return tag >= 0 ? last.substring(0, tag) : last;
    }

    /** What the image runs, when it is one Topograph knows. */
    static Optional<Known> classify(String image) {
        String product = product(image);
        for (Rule rule : RULES) {
            if (rule.names().contains(product)) {
                return Optional.of(rule.known() instanceof Undrawable ? new Undrawable(product) : rule.known());
            }
        }
        return Optional.empty();
    }
}
