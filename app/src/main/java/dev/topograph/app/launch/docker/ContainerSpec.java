package dev.topograph.app.launch.docker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@link DockerEngine#run} needs to create and start one container. Start from
 * {@link #of(String, String)} and add what differs from the defaults (no environment, no
 * arguments, no labels, host network, no healthcheck, the image's user).
 *
 * @param name the container's name, unique on the engine
 * @param image the image reference or id
 * @param env environment variables
 * @param args arguments after the image's entrypoint
 * @param labels labels, {@value DockerEngine#PROJECT_LABEL} among them for a project's containers
 * @param network the host's network or a named network
 * @param ports container port to host port; only on a named network, where the host port is bound on loopback
 * @param healthcheck a command the engine runs inside the container, if any
 * @param user {@code uid:gid} or a user name, if not the image's
 * @param scratch folders given an empty in-memory file system (tmpfs) that the image's user may write,
 *     which lives and dies with the container
 */
public record ContainerSpec(
        String name,
        String image,
        Map<String, String> env,
        List<String> args,
        Map<String, String> labels,
        Network network,
        Map<Integer, Integer> ports,
        Optional<Healthcheck> healthcheck,
        Optional<String> user,
        List<String> scratch) {

    public ContainerSpec {
        requireText(name, "name");
        requireText(image, "image");
        env = Map.copyOf(env);
        args = List.copyOf(args);
        labels = Map.copyOf(labels);
        ports = Map.copyOf(ports);
        scratch = List.copyOf(scratch);
        if (network instanceof Network.Host && !ports.isEmpty()) {
            throw new IllegalArgumentException("container " + name + " is on the host network, where ports cannot be "
                    + "published; its ports are the host's already");
        }
    }

    /** A container of that name from that image, on the host network, with nothing else set. */
    public static ContainerSpec of(String name, String image) {
        return new ContainerSpec(name, image, Map.of(), List.of(), Map.of(), Network.host(), Map.of(),
                Optional.empty(), Optional.empty(), List.of());
    }

    public ContainerSpec withEnv(Map<String, String> value) {
        return new ContainerSpec(name, image, value, args, labels, network, ports, healthcheck, user, scratch);
    }

    public ContainerSpec withArgs(List<String> value) {
        return new ContainerSpec(name, image, env, value, labels, network, ports, healthcheck, user, scratch);
    }

    public ContainerSpec withLabels(Map<String, String> value) {
        return new ContainerSpec(name, image, env, args, value, network, ports, healthcheck, user, scratch);
    }

    public ContainerSpec withNetwork(Network value, Map<Integer, Integer> publishedPorts) {
        return new ContainerSpec(name, image, env, args, labels, value, publishedPorts, healthcheck, user, scratch);
    }

    public ContainerSpec withHealthcheck(Healthcheck value) {
        return new ContainerSpec(name, image, env, args, labels, network, ports, Optional.of(value), user, scratch);
    }

    public ContainerSpec withUser(String value) {
        return new ContainerSpec(name, image, env, args, labels, network, ports, healthcheck, Optional.of(value), scratch);
    }

    /** The same container with {@code folder} writable by its user, in memory (see {@code scratch}). */
    public ContainerSpec withScratch(String folder) {
        List<String> more = new java.util.ArrayList<>(scratch);
        more.add(folder);
        return new ContainerSpec(name, image, env, args, labels, network, ports, healthcheck, user, more);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a container needs a " + what);
        }
    }

    /** Where a container's network stack comes from. */
    public sealed interface Network {
        /** The host's own network: no isolation, no published ports, nothing to create. */
        static Network host() {
            return new Host();
        }

        /** A network made with {@link DockerEngine#createNetwork}, where containers find each other by name. */
        static Network named(String name) {
            return new Named(name);
        }

        /** The engine's name for this network mode. */
        String mode();

        /** The host's network. */
        record Host() implements Network {
            @Override
            public String mode() {
                return "host";
            }
        }

        /** A network of that name. */
        record Named(String name) implements Network {
            public Named {
                requireText(name, "network name");
            }

            @Override
            public String mode() {
                return name;
            }
        }
    }

    /**
     * A command the engine runs inside the container every {@code interval}; the container is
     * unhealthy after three failures in a row. The command is run directly, without a shell
     * (scratch images have none).
     */
    public record Healthcheck(List<String> command, Duration interval) {
        public Healthcheck {
            command = List.copyOf(command);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("a healthcheck needs a command");
            }
            if (interval.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException("a healthcheck interval must be at least 1 ms, was " + interval);
            }
        }
    }
}
