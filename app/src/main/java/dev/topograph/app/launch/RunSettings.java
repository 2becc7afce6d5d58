package dev.topograph.app.launch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How to run a design on this machine.
 *
 * @param mode          local processes (the default) or Docker containers
 * @param network       for Docker: a bridge network of the project (default) or the host's network
 * @param ports         the ports drawn in the design, or free ones picked at start (two runs side by side, tests)
 * @param providers     which kinds of infrastructure provider may serve a node, tried in this order
 * @param searchPath    where to look for {@code go} and server binaries (the PATH of the process by default)
 * @param systemFolder  where the system is generated; empty: a work folder of the run
 * @param healthTimeout how long a node may take to become healthy before the run gives up
 * @param home          where runs keep their records, logs, build cache and throwaway data
 * @param watchSources  whether a saved source file rebuilds and restarts the services built from it while the run is up
 * @param traces        where the services send their spans (OTLP/HTTP base URL on loopback: the designer's
 *                      receiver), or empty for no tracing
 */
public record RunSettings(Mode mode, Network network, Ports ports, List<ProviderKind> providers, String searchPath,
        Optional<Path> systemFolder, Duration healthTimeout, RunHome home, boolean watchSources,
        Optional<URI> traces) {

    /** Local processes or Docker containers; Kubernetes deploys through its own command. */
    public enum Mode { PROCESS, DOCKER }

    /** The Docker network mode of containers. */
    public enum Network { BRIDGE, HOST }

    /** Whose port numbers services listen on. */
    public enum Ports { DESIGN, FREE }

    /**
     * What may serve an infrastructure node, in the order of DESIGN.md §5: a Docker image, a server
     * binary of the machine, a server on the JVM from jars the app carries (Kafka), an embedded dev server.
     */
    public enum ProviderKind { DOCKER, BINARY, JVM, EMBEDDED }

    public RunSettings {
        providers = List.copyOf(providers);
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("at least one infrastructure provider is needed");
        }
    }

    /** The defaults of DESIGN.md §5: processes, design ports, Docker, binaries, the JVM, then embedded servers. */
    public static RunSettings defaults(RunHome home) {
        return new RunSettings(Mode.PROCESS, Network.BRIDGE, Ports.DESIGN,
                List.of(ProviderKind.DOCKER, ProviderKind.BINARY, ProviderKind.JVM, ProviderKind.EMBEDDED),
                searchPath(System.getenv("PATH")), Optional.empty(), Duration.ofSeconds(60), home, true, Optional.empty());
    }

    /**
     * The PATH to search, plus where Go's installer puts Go: an app started from a desktop menu often
     * gets a PATH without it.
     */
    static String searchPath(String path) {
        String goInstall = java.io.File.separator.equals("/") ? "/usr/local/go/bin" : "C:\\Program Files\\Go\\bin";
        return path == null || path.isBlank() ? goInstall : path + java.io.File.pathSeparator + goInstall;
    }

    public RunSettings withMode(Mode newMode) {
        return new RunSettings(newMode, network, ports, providers, searchPath, systemFolder, healthTimeout,
                home, watchSources, traces);
    }

    public RunSettings withNetwork(Network newNetwork) {
        return new RunSettings(mode, newNetwork, ports, providers, searchPath, systemFolder, healthTimeout,
                home, watchSources, traces);
    }

    public RunSettings withPorts(Ports newPorts) {
        return new RunSettings(mode, network, newPorts, providers, searchPath, systemFolder, healthTimeout,
                home, watchSources, traces);
    }

    public RunSettings withProviders(List<ProviderKind> newProviders) {
        return new RunSettings(mode, network, ports, newProviders, searchPath, systemFolder, healthTimeout,
                home, watchSources, traces);
    }

    public RunSettings withSearchPath(String newSearchPath) {
        return new RunSettings(mode, network, ports, providers, newSearchPath, systemFolder, healthTimeout,
                home, watchSources, traces);
    }

    public RunSettings withSystemFolder(Path folder) {
        return new RunSettings(mode, network, ports, providers, searchPath, Optional.of(folder),
                healthTimeout, home, watchSources, traces);
    }

    public RunSettings withHealthTimeout(Duration timeout) {
        return new RunSettings(mode, network, ports, providers, searchPath, systemFolder, timeout, home,
                watchSources, traces);
    }

    public RunSettings withSourceWatching(boolean watch) {
        return new RunSettings(mode, network, ports, providers, searchPath, systemFolder, healthTimeout, home, watch, traces);
    }

    /** Services send their spans to {@code endpoint} (OTEL_EXPORTER_OTLP_ENDPOINT). */
    public RunSettings withTraces(URI endpoint) {
        return new RunSettings(mode, network, ports, providers, searchPath, systemFolder, healthTimeout, home,
                watchSources, Optional.of(endpoint));
    }
}
