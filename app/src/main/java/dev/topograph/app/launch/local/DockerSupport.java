package dev.topograph.app.launch.local;

import dev.topograph.app.launch.Leftovers;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.app.launch.infra.InfraProvider;
import java.util.Optional;

/** What a run gets from a Docker engine, when one answers: containers for programs and infrastructure. */
public interface DockerSupport {

    boolean available();

    /** Where the engine was looked for, for messages. */
    String where();

    Optional<Leftovers.Containers> containers();

    Optional<InfraProvider> infra(RunSettings settings);

    ProgramRunner programs(RunSettings settings, String project);

    /** The engine of DOCKER_HOST or the default socket, if it answers within a few seconds. */
    static DockerSupport connect() {
        return none("unix:///var/run/docker.sock");
    }

    static DockerSupport none(String where) {
        return new DockerSupport() {
            @Override
            public boolean available() {
                return false;
            }

            @Override
            public String where() {
                return where;
            }

            @Override
            public Optional<Leftovers.Containers> containers() {
                return Optional.empty();
            }

            @Override
            public Optional<InfraProvider> infra(RunSettings settings) {
                return Optional.empty();
            }

            @Override
            public ProgramRunner programs(RunSettings settings, String project) {
                throw new IllegalStateException("no Docker engine");
            }
        };
    }
}
