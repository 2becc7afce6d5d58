package dev.topograph.app.launch.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * One Kubernetes API server, reached through a kubeconfig context with bounded timeouts, and the
 * words for what goes wrong there: unreachable, too slow, credentials refused, forbidden, a conflict.
 * Its calls block their caller; {@link ClusterDeployer} and {@link RolloutWatcher} make them on their own threads.
 */
public final class Cluster implements AutoCloseable {
    private final KubernetesClient client;
    private final String name;
    private final String server;

    private Cluster(KubernetesClient client, String name, String server) {
        this.client = client;
        this.name = name;
        this.server = server;
    }

    /** The cluster of a kubeconfig context. Nothing is contacted yet. */
    public static Cluster connect(KubeConfigs kubeconfig, String context, ClusterTimeouts timeouts)
            throws ClusterException {
        io.fabric8.kubernetes.client.Config config = kubeconfig.clientConfig(context, timeouts);
        try {
            return new Cluster(new KubernetesClientBuilder().withConfig(config).build(), "context " + context,
                    config.getMasterUrl());
        } catch (RuntimeException e) {
            throw new ClusterException("Cannot set up a client for context '" + context + "': " + e.getMessage(), e);
        }
    }

    /** A cluster behind a client made elsewhere (tests, the mock server). */
    public static Cluster of(KubernetesClient client, String name) {
        return new Cluster(client, name, client.getMasterUrl().toString());
    }

    KubernetesClient client() {
        return client;
    }

    /** "context kind-kind (https://127.0.0.1:39017/)". */
    public String describe() {
        return name + " (" + server + ")";
    }

    /** One failed call in the user's words: which cluster, what was being done, and what to do about it. */
    ClusterException explain(String doing, KubernetesClientException e) {
        int code = e.getCode();
        String says = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : "";
        String where = "The Kubernetes API of " + describe();
        if (code <= 0) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                String type = cause.getClass().getName().toLowerCase(Locale.ROOT);
                if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                    return new ClusterException(where + " cannot be reached (trying to " + doing + "): "
                            + cause.getMessage() + ". Is the cluster running? kubectl cluster-info shows the same.", e);
                }
                if (cause instanceof UnknownHostException) {
                    return new ClusterException(where + " cannot be reached: no host named " + cause.getMessage()
                            + " (trying to " + doing + ")", e);
                }
                if (cause instanceof SSLException) {
                    return new ClusterException(where + " did not complete a TLS handshake (trying to " + doing + "): "
                            + cause.getMessage() + ". Check the certificate data of the context.", e);
                }
                if (cause instanceof SocketTimeoutException || cause instanceof java.util.concurrent.TimeoutException
                        || type.contains("timeout")) {
                    return new ClusterException(where + " did not answer in time (trying to " + doing + ")", e);
                }
            }
            return new ClusterException(where + " could not be asked to " + doing + ": " + rootMessage(e), e);
        }
        return switch (code) {
            case 401 -> new ClusterException(where + " refused the credentials of the context (trying to " + doing
                    + "): log in again, or refresh the kubeconfig. " + says, e);
            case 403 -> new ClusterException(where + " does not allow this (trying to " + doing + "): " + says
                    + ". Ask for a role that allows it, or deploy to a namespace you own.", e);
            case 404 -> new ClusterException(where + " has no such resource (trying to " + doing + "): " + says, e);
            case 409 -> new ClusterException(where + " reports a conflict (trying to " + doing + "): " + conflicts(e)
                    .orElse(says + ". Another field manager (kubectl, an operator) changed fields Topograph manages")
                    + ": undo that change, or take the fields over (deploy --force-conflicts, the Deploy dialog's "
                    + "\"Force conflicts\", or reapply).", e);
            case 422 -> new ClusterException(where + " rejected the object as invalid (trying to " + doing + "): " + says, e);
            default -> new ClusterException(where + " answered " + code + " (trying to " + doing + "): "
                    + (says.isEmpty() ? rootMessage(e) : says), e);
        };
    }

    /**
     * A server-side-apply conflict in words: each field and the field manager that set it, from the
     * causes the API server lists ({@code conflict with "kubectl-edit" using v1}, {@code .data.KEY}).
     */
    private static Optional<String> conflicts(KubernetesClientException e) {
        if (e.getStatus() == null || e.getStatus().getDetails() == null || e.getStatus().getDetails().getCauses() == null) {
            return Optional.empty();
        }
        List<String> fields = new ArrayList<>();
        for (StatusCause cause : e.getStatus().getDetails().getCauses()) {
            if (!"FieldManagerConflict".equals(cause.getReason()) || cause.getField() == null) {
                continue;
            }
            Matcher manager = MANAGER.matcher(String.valueOf(cause.getMessage()));
            fields.add(cause.getField() + (manager.find() ? " was set by field manager \"" + manager.group(1) + "\""
                    : " was set by another field manager"));
        }
        return fields.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", fields)
                + ", not by Topograph (kubectl edit, kubectl set, kubectl scale or an operator changed "
                + (fields.size() == 1 ? "it" : "them") + ")");
    }

    private static final Pattern MANAGER = Pattern.compile("conflict with \"([^\"]*)\"");

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public void close() {
        client.close();
    }
}
