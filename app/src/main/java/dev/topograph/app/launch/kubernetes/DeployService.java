package dev.topograph.app.launch.kubernetes;

import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.kubernetes.DeployReport.Deployed;
import dev.topograph.app.launch.kubernetes.KubeConfigs.KubeContext;
import dev.topograph.model.topology.Topology;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the designer asks of a Kubernetes cluster: the contexts of the user's kubeconfig, deploy,
 * drift, re-apply, undeploy, a rollout watch and port-forwards to the services' metrics. Injected into
 * the designer's ViewModel, so its tests pass a fake; the app passes {@link ClusterDeployService}, a thin
 * adapter over {@link ClusterDeployer} and {@link KubeConfigs}.
 *
 * <p>Every method blocks for its file reads and cluster calls (each bounded by the client's timeouts):
 * never call one on the UI thread. Listeners hear on the service's threads.
 */
public interface DeployService {

    /** The contexts of a kubeconfig and the one kubectl uses when none is named. */
    record Contexts(List<KubeContext> all, Optional<String> current) {
        public Contexts {
            all = List.copyOf(all);
        }
    }

    /**
     * Reads the user's kubeconfig now (the user may have created a cluster since the last look).
     *
     * @throws ClusterException when there is no kubeconfig, or it defines no context; the message says what to do
     */
    Contexts contexts() throws ClusterException;

    /**
     * Builds what {@code target} says, then applies the design; a failure after the checks ends in the
     * report, which says exactly what was applied.
     *
     * @param codeFolder the design's code folder, regenerated in place and built; empty: the bare design,
     *                   generated into a throwaway folder
     * @throws LaunchException when the design has errors or cannot be generated
     */
    DeployReport deploy(Topology topology, java.util.Optional<java.nio.file.Path> codeFolder, DeployTarget target,
            RunListener listener)
            throws LaunchException, InterruptedException;

    /** How the cluster differs from {@code topology} as {@code deployed}. */
    List<Drift> drift(Topology topology, Deployed deployed) throws LaunchException, ClusterException,
            InterruptedException;

    /** Applies the design again, taking fields back, and deletes labelled objects that are not in it. */
    DeployReport reapply(Topology topology, Deployed deployed, RunListener listener)
            throws LaunchException, InterruptedException;

    /**
     * Deletes everything labelled {@code io.topograph.project=project} in the namespace, and nothing else;
     * the databases' volume claims and credentials Secrets only with {@code deleteData}.
     */
    UndeployReport undeploy(String project, String context, String namespace, boolean deleteData)
            throws InterruptedException;

    /** Starts watching the rollout of {@code nodes}, at once and then every {@code interval}, until stopped. */
    Watch watch(Deployed deployed, List<String> nodes, Duration interval, RolloutListener listener)
            throws ClusterException;

    /** Opens a local port to a ready pod of each service and gateway of {@code topology} that has one. */
    MetricsForwards forwardMetrics(Topology topology, Deployed deployed) throws ClusterException;

    /** A rollout watch under way. */
    interface Watch {
        /** Stops watching; waits for a look under way to end (bounded by the request timeout). */
        void stop();
    }

    /** Port-forwards to the services' {@code /metrics}, for the live-metrics scraper. */
    interface MetricsForwards extends AutoCloseable {

        /** Where each forwarded node's metrics answer on this machine: {@code http://127.0.0.1:<port>/metrics}. */
        Map<String, URI> urls();

        /**
         * Opens a forward for each node of {@code ready} that is a service or gateway and has none, or one
         * that stopped working (its pod went away); keeps the others. Returns {@link #urls()} afterwards.
         */
        Map<String, URI> refresh(Collection<String> ready) throws ClusterException;

        /** Closes every forward; the local ports are free again when it returns. */
        @Override
        void close();
    }
}
