package dev.topograph.app.launch.kubernetes;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The user's kubeconfig, read as kubectl reads it: the files {@code KUBECONFIG} lists (separated by
 * the platform's path separator, missing ones skipped), else {@code ~/.kube/config}. Files are merged
 * as kubectl merges them: the first file that names a context, cluster or user wins, and so does the
 * first {@code current-context}. Relative certificate, key, token and command paths are taken
 * relative to the file that names them. Reading is local file I/O only; no cluster is contacted.
 */
public final class KubeConfigs {
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    /** One context: which cluster (and its API server), which user, which namespace by default. */
    public record KubeContext(String name, String cluster, String server, String user, String namespace) {
    }

    private final List<Path> files;
    private final Config merged;
    /** Where each context was defined: exec credential plugins resolve relative commands from there. */
    private final Map<String, Path> contextFiles;

    private KubeConfigs(List<Path> files, Config merged, Map<String, Path> contextFiles) {
        this.files = List.copyOf(files);
        this.merged = merged;
        this.contextFiles = Map.copyOf(contextFiles);
    }

    /** The kubeconfig of this process's environment ({@code KUBECONFIG}, else {@code ~/.kube/config}). */
    public static KubeConfigs fromEnvironment() throws ClusterException {
        return load(Optional.ofNullable(System.getenv("KUBECONFIG")), Path.of(System.getProperty("user.home")));
    }

    /**
     * The kubeconfig a process with this {@code KUBECONFIG} value and home folder would use.
     *
     * @throws ClusterException when no file exists, one cannot be read, or none defines a context
     */
    public static KubeConfigs load(Optional<String> kubeconfigVariable, Path home) throws ClusterException {
        List<Path> files = new ArrayList<>();
        String listed = kubeconfigVariable.orElse("");
        if (!listed.isBlank()) {
            for (String entry : listed.split(File.pathSeparator)) {
                Path file = Path.of(entry);
                if (!entry.isBlank() && Files.isRegularFile(file) && !files.contains(file)) {
                    files.add(file);
                }
            }
            if (files.isEmpty()) {
                throw new ClusterException("None of the files KUBECONFIG lists exists (" + listed + "). "
                        + "kind create cluster or minikube start write one; for a remote cluster, its admin gives you one.");
            }
        } else {
            Path file = home.resolve(".kube").resolve("config");
            if (!Files.isRegularFile(file)) {
                throw new ClusterException("No kubeconfig: KUBECONFIG is not set and " + file + " does not exist. "
                        + "kind create cluster or minikube start write one; for a remote cluster, its admin gives you one.");
            }
            files.add(file);
        }
        Map<String, NamedCluster> clusters = new LinkedHashMap<>();
        Map<String, NamedContext> contexts = new LinkedHashMap<>();
        Map<String, NamedAuthInfo> users = new LinkedHashMap<>();
        Map<String, Path> contextFiles = new LinkedHashMap<>();
        String current = null;
        for (Path file : files) {
            Config config = parse(file);
            Path dir = file.toAbsolutePath().getParent();
            for (NamedCluster c : list(config.getClusters())) {
                if (c.getName() != null && !clusters.containsKey(c.getName())) {
                    if (c.getCluster() != null) {
                        c.getCluster().setCertificateAuthority(absolute(dir, c.getCluster().getCertificateAuthority()));
                    }
                    clusters.put(c.getName(), c);
                }
            }
            for (NamedContext c : list(config.getContexts())) {
                if (c.getName() != null && !contexts.containsKey(c.getName())) {
                    contexts.put(c.getName(), c);
                    contextFiles.put(c.getName(), file.toAbsolutePath());
                }
            }
            for (NamedAuthInfo u : list(config.getUsers())) {
                if (u.getName() != null && !users.containsKey(u.getName())) {
                    AuthInfo auth = u.getUser();
                    if (auth != null) {
                        auth.setClientCertificate(absolute(dir, auth.getClientCertificate()));
                        auth.setClientKey(absolute(dir, auth.getClientKey()));
                        auth.setTokenFile(absolute(dir, auth.getTokenFile()));
                        if (auth.getExec() != null && auth.getExec().getCommand() != null
                                && auth.getExec().getCommand().contains("/")) {
                            auth.getExec().setCommand(absolute(dir, auth.getExec().getCommand()));
                        }
                    }
                    users.put(u.getName(), u);
                }
            }
            if ((current == null || current.isEmpty()) && config.getCurrentContext() != null) {
                current = config.getCurrentContext();
            }
        }
        if (contexts.isEmpty()) {
            throw new ClusterException("The kubeconfig (" + String.join(", ", files.stream().map(Path::toString).toList())
                    + ") defines no context: kubectl config get-contexts shows none either.");
        }
        Config merged = new Config();
        merged.setApiVersion("v1");
        merged.setKind("Config");
        merged.setClusters(new ArrayList<>(clusters.values()));
        merged.setContexts(new ArrayList<>(contexts.values()));
        merged.setUsers(new ArrayList<>(users.values()));
        merged.setCurrentContext(current == null ? "" : current);
        return new KubeConfigs(files, merged, contextFiles);
    }

    private static Config parse(Path file) throws ClusterException {
        try {
            String text = Files.readString(file);
            if (text.isBlank()) {
                return new Config();
            }
            return YAML.unmarshal(text, Config.class);
        } catch (IOException e) {
            throw new ClusterException("Cannot read the kubeconfig " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ClusterException("The kubeconfig " + file + " is not valid YAML of a kubeconfig: " + e.getMessage(), e);
        }
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }

    private static String absolute(Path dir, String path) {
        if (path == null || path.isEmpty() || Path.of(path).isAbsolute()) {
            return path;
        }
        return dir.resolve(path).normalize().toString();
    }

    /** The files read, in order. */
    public List<Path> files() {
        return files;
    }

    /** Every context, in the order the files list them. */
    public List<KubeContext> contexts() {
        Map<String, String> servers = new LinkedHashMap<>();
        merged.getClusters().forEach(c -> servers.put(c.getName(), c.getCluster() == null
                || c.getCluster().getServer() == null ? "" : c.getCluster().getServer()));
        Function<NamedContext, KubeContext> toContext = c -> {
            var ctx = c.getContext();
            String cluster = ctx == null || ctx.getCluster() == null ? "" : ctx.getCluster();
            String ns = ctx == null || ctx.getNamespace() == null || ctx.getNamespace().isBlank() ? "default"
                    : ctx.getNamespace();
            return new KubeContext(c.getName(), cluster, servers.getOrDefault(cluster, ""),
                    ctx == null || ctx.getUser() == null ? "" : ctx.getUser(), ns);
        };
        return merged.getContexts().stream().map(toContext).toList();
    }

    /** The context kubectl uses when none is named, if the kubeconfig sets one that exists. */
    public Optional<KubeContext> currentContext() {
        return context(merged.getCurrentContext());
    }

    public Optional<KubeContext> context(String name) {
        return contexts().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * The client configuration of one context, with these timeouts; the namespace is the context's
     * unless a deploy names another.
     *
     * @throws ClusterException when the kubeconfig has no such context, or it names a cluster or user it lacks
     */
    // Fabric8 8 marks fromKubeconfig(context, contents, path) for removal in favour of reading files itself;
    // the merged, path-resolved contents are what kubectl would use, so they are handed over as they are.
    @SuppressWarnings("removal")
    public io.fabric8.kubernetes.client.Config clientConfig(String contextName, ClusterTimeouts timeouts)
            throws ClusterException {
        KubeContext context = context(contextName).orElseThrow(() -> new ClusterException("The kubeconfig has no context '"
                + contextName + "'; it has " + String.join(", ", contexts().stream().map(KubeContext::name).toList())));
        if (context.server().isEmpty()) {
            throw new ClusterException("Context '" + contextName + "' names cluster '" + context.cluster()
                    + "', which the kubeconfig does not define (or gives no server)");
        }
        try {
            io.fabric8.kubernetes.client.Config config = io.fabric8.kubernetes.client.Config.fromKubeconfig(contextName,
                    YAML.asYaml(merged), contextFiles.get(contextName).toString());
            config.setConnectionTimeout((int) timeouts.connect().toMillis());
            config.setRequestTimeout((int) timeouts.request().toMillis());
            // One try per call: a deploy reports what failed rather than retrying behind the user's back.
            config.setRequestRetryBackoffLimit(0);
            return config;
        } catch (RuntimeException e) {
            throw new ClusterException("Cannot use context '" + contextName + "' of the kubeconfig: " + e.getMessage(), e);
        }
    }
}
