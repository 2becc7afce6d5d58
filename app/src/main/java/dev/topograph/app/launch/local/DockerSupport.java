package dev.topograph.app.launch.local;

import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.Leftovers;
import dev.topograph.app.launch.RunHome;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.app.launch.docker.DockerEngine;
import dev.topograph.app.launch.docker.DockerEngineException;
import dev.topograph.app.launch.docker.DockerImages;
import dev.topograph.app.launch.docker.LabelledResource;
import dev.topograph.app.launch.infra.InfraProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a run gets from a Docker engine, when one answers: containers for programs and infrastructure. */
public interface DockerSupport {

    boolean available();

    /** Where the engine was looked for (or what answered), for messages. */
    String where();

    Optional<Leftovers.Containers> containers();

    /** Infrastructure from public images, on the project's network or the host's, as the settings say. */
    Optional<InfraProvider> infra(RunSettings settings, String project) throws LaunchException;

    ProgramRunner programs(RunSettings settings, String project) throws LaunchException;

    /** Removes what a finished run of the project made on the engine besides containers (its network). */
    void release(String project);

    /** The engine of DOCKER_HOST (or the default socket), if it answers within two seconds. */
    static DockerSupport connect() {
        Optional<DockerEngine> engine = DockerEngine.connect(Duration.ofSeconds(2));
        return engine.<DockerSupport>map(Engine::new).orElseGet(() -> none(
                Optional.ofNullable(System.getenv("DOCKER_HOST")).orElse("unix:///var/run/docker.sock")));
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
            public Optional<InfraProvider> infra(RunSettings settings, String project) {
                return Optional.empty();
            }

            @Override
            public ProgramRunner programs(RunSettings settings, String project) throws LaunchException {
                throw new LaunchException("No Docker engine answers at " + where);
            }

            @Override
            public void release(String project) {
            }
        };
    }

    /** An engine that answered. */
    final class Engine implements DockerSupport {
        private final DockerEngine engine;

        Engine(DockerEngine engine) {
            this.engine = engine;
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public String where() {
            return engine.describe();
        }

        @Override
        public Optional<Leftovers.Containers> containers() {
            return Optional.of(new Leftovers.Containers() {
                @Override
                public List<String> labelled(String project) {
                    return leftBehind(project).stream().map(LabelledResource::id).toList();
                }

                @Override
                public int removeLabelled(String project) {
                    List<LabelledResource> left = leftBehind(project);
                    left.forEach(r -> engine.remove(r.id()));
                    if (engine.listByLabel(Leftovers.PROJECT_LABEL, project).stream()
                            .noneMatch(r -> r.kind() == LabelledResource.Kind.CONTAINER)) {
                        release(project); // No container of the project is left: nor is its network.
                    }
                    return left.size();
                }

                /** The project's containers, whatever their state, but those of a launcher that still runs. */
                private List<LabelledResource> leftBehind(String project) {
                    return engine.listByLabel(Leftovers.PROJECT_LABEL, project).stream()
                            .filter(r -> r.kind() == LabelledResource.Kind.CONTAINER)
                            .filter(r -> !RunHome.launcherAlive(r.labels().get(Leftovers.LAUNCHER_LABEL)))
                            .toList();
                }
            });
        }

        @Override
        public Optional<InfraProvider> infra(RunSettings settings, String project) throws LaunchException {
            // Local processes reach containers on the host's network: no network to make, no port to publish.
            return Optional.of(new DockerImages(engine, settings.mode() == RunSettings.Mode.DOCKER
                    ? network(settings, project) : Optional.empty()));
        }

        @Override
        public ProgramRunner programs(RunSettings settings, String project) throws LaunchException {
            return new ContainerPrograms(engine, project, network(settings, project));
        }

        @Override
        public void release(String project) {
            // Every container this launcher started for the project, whatever its state: one that crashed
            // and waits for its restart has no node holding it any more.
            String self = RunHome.launcherLabel();
            engine.listByLabel(Leftovers.PROJECT_LABEL, project).stream()
                    .filter(r -> r.kind() == LabelledResource.Kind.CONTAINER)
                    .filter(r -> self.equals(r.labels().get(Leftovers.LAUNCHER_LABEL)))
                    .forEach(r -> {
                        try {
                            engine.remove(r.id());
                        } catch (DockerEngineException e) {
                            // Labelled: the next sweep removes it.
                        }
                    });
            engine.listByLabel(Leftovers.PROJECT_LABEL, project).stream()
                    .filter(r -> r.kind() == LabelledResource.Kind.NETWORK)
                    .forEach(r -> {
                        try {
                            engine.removeNetwork(r.id());
                        } catch (DockerEngineException e) {
                            // Labelled: the next sweep removes it.
                        }
                    });
        }

        /** The project's bridge network, made on first use; empty on the host's network. */
        private Optional<String> network(RunSettings settings, String project) throws LaunchException {
            if (settings.network() == RunSettings.Network.HOST) {
                return Optional.empty();
            }
            String name = "topograph-" + project;
            try {
                boolean exists = engine.listByLabel(Leftovers.PROJECT_LABEL, project).stream()
                        .anyMatch(r -> r.kind() == LabelledResource.Kind.NETWORK && r.name().equals(name));
                if (!exists) {
                    engine.createNetwork(name, Map.of(Leftovers.PROJECT_LABEL, project));
                }
                return Optional.of(name);
            } catch (DockerEngineException e) {
                throw new LaunchException("Docker could not make the bridge network " + name + " ("
                        + e.getMessage() + ")", e);
            }
        }
    }
}
