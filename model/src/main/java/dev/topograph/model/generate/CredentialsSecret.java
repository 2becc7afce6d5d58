package dev.topograph.model.generate;

import dev.topograph.model.topology.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Secret a deployed system reads its passwords from: one per PostgreSQL or MySQL database and
 * RabbitMQ broker. It is never generated, so no password is ever written down: the generated README
 * creates it with {@code kubectl create secret}, a deploy through the API; both fill it with
 * {@link #data}, so the server and the services that use it read the same keys.
 */
public record CredentialsSecret(String name, String node, int port, String dbName, String user, boolean postgres,
        boolean mysql, boolean rabbitmq) {

    /** The credentials Secrets of a design's deployment, in the order of its infrastructure nodes. */
    public static List<CredentialsSecret> of(Topology topology) throws GenerationException {
        try {
            return KubernetesView.of(SystemView.of(topology)).secrets();
        } catch (IllegalArgumentException unsafe) {
            throw new GenerationException(unsafe.getMessage());
        }
    }

    /**
     * The Secret's keys and values: the server's password and the whole URL its users read, with
     * {@code password} in both; {@code rootPassword} is MySQL's administrator's, which no service reads.
     */
    public Map<String, String> data(String password, String rootPassword) {
        Map<String, String> data = new LinkedHashMap<>();
        if (postgres) {
            data.put("POSTGRES_PASSWORD", password);
            data.put("DATABASE_URL", "postgres://" + user + ":" + password + "@" + node + ":" + port + "/" + dbName
                    + "?sslmode=disable");
        } else if (mysql) {
            data.put("MYSQL_ROOT_PASSWORD", rootPassword);
            data.put("MYSQL_PASSWORD", password);
            data.put("DATABASE_URL", user + ":" + password + "@tcp(" + node + ":" + port + ")/" + dbName);
        } else if (rabbitmq) {
            data.put("RABBITMQ_DEFAULT_PASS", password);
            data.put("RABBITMQ_URL", "amqp://" + user + ":" + password + "@" + node + ":" + port + "/");
        }
        return data;
    }
}
