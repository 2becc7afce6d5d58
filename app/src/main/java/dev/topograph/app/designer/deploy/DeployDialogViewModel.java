package dev.topograph.app.designer.deploy;

import dev.topograph.app.launch.kubernetes.DeployService;
import dev.topograph.app.launch.kubernetes.DeployTarget;
import dev.topograph.app.launch.kubernetes.KubeConfigs.KubeContext;
import dev.topograph.app.ui.BackgroundTask;
import dev.topograph.app.ui.TaskExecutor;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Deploy dialog: where to (a context of the user's kubeconfig, a namespace in it), the image
 * registry and tag, how images get there, and whether to take over fields others changed. Each field
 * is checked as it is typed, with a message that says what would be accepted; Deploy is possible
 * only when every field is. The kubeconfig is read in the background when the dialog opens.
 */
public final class DeployDialogViewModel {
    /** A namespace is an RFC 1123 label, as kubectl checks it. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    /** A Docker image tag. */
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    /** What the user chose last time for a design, kept for the session. */
    public record Choices(String context, String namespace, String registry, String tag, ImageHandling images,
            boolean forceConflicts) {
    }

    private final String project;
    private final Optional<Choices> remembered;
    private final ReadOnlyObjectWrapper<List<String>> contexts = new ReadOnlyObjectWrapper<>(List.of());
    private final ObjectProperty<String> context = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper server = new ReadOnlyStringWrapper("");
    private final StringProperty namespace = new SimpleStringProperty("");
    private final StringProperty registry = new SimpleStringProperty("");
    private final StringProperty tag = new SimpleStringProperty("");
    private final ObjectProperty<ImageHandling> images = new SimpleObjectProperty<>(ImageHandling.BUILD_AND_PUSH);
    private final BooleanProperty forceConflicts = new SimpleBooleanProperty(false);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper kubeconfigProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper contextError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper namespaceError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper registryError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tagError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);
    private List<KubeContext> known = List.of();
    /** The namespace is the chosen context's default until the user types one of their own. */
    private boolean namespaceFollowsContext = true;
    private boolean settingNamespace;

    DeployDialogViewModel(String project, Optional<Choices> remembered) {
        this.project = project;
        this.remembered = remembered;
        remembered.ifPresent(c -> {
            namespace.set(c.namespace());
            registry.set(c.registry());
            tag.set(c.tag());
            images.set(c.images());
            forceConflicts.set(c.forceConflicts());
            namespaceFollowsContext = false;
        });
        context.addListener((o, old, now) -> contextChosen(now));
        namespace.addListener((o, old, now) -> {
            if (!settingNamespace) {
                namespaceFollowsContext = false;
            }
        });
        for (Observable p : List.<Observable>of(context, namespace, registry, tag, images, kubeconfigProblem, loading)) {
            p.addListener(o -> check());
        }
        check();
    }

    /** Reads the kubeconfig in the background; the remembered context, else the current one, is chosen. */
    void load(DeployService service, TaskExecutor tasks) {
        loading.set(true);
        BackgroundTask.wrap(service::contexts).onSuccess(found -> {
            known = found.all();
            kubeconfigProblem.set("");
            contexts.set(known.stream().map(KubeContext::name).toList());
            Optional<String> chosen = remembered.map(Choices::context).filter(contexts.get()::contains)
                    .or(found::current).filter(contexts.get()::contains)
                    .or(() -> contexts.get().stream().findFirst());
            loading.set(false);
            context.set(null);
            chosen.ifPresent(context::set);
        }).onFailure(e -> {
            known = List.of();
            contexts.set(List.of());
            kubeconfigProblem.set(e.getMessage() == null ? e.toString() : e.getMessage());
            loading.set(false);
        }).executeWith(tasks);
    }

    private void contextChosen(String name) {
        Optional<KubeContext> chosen = known.stream().filter(c -> c.name().equals(name)).findFirst();
        server.set(chosen.map(c -> c.server().isEmpty() ? "cluster " + c.cluster()
                : c.server() + " (cluster " + c.cluster() + ")").orElse(""));
        if (namespaceFollowsContext && chosen.isPresent()) {
            settingNamespace = true;
            try {
                namespace.set(chosen.get().namespace());
            } finally {
                settingNamespace = false;
            }
        }
    }

    private void check() {
        contextError.set(!kubeconfigProblem.get().isEmpty() || loading.get() ? ""
                : context.get() == null || context.get().isBlank() ? "Choose a context of your kubeconfig." : "");
        String ns = namespace.get().strip();
        namespaceError.set(ns.isEmpty() ? "A namespace is needed; it is created when it does not exist."
                : ns.length() > 63 || !DNS_LABEL.matcher(ns).matches()
                        ? "'" + ns + "' cannot name a namespace: lower-case letters, digits and '-', at most 63, "
                                + "starting and ending with a letter or digit (RFC 1123)." : "");
        String reg = registry.get().strip();
        registryError.set(reg.isEmpty() ? "An image registry is needed: the cluster pulls the images from it "
                + "(localhost:5001, registry.example/team)."
                : reg.contains("://") || reg.chars().anyMatch(Character::isWhitespace)
                        ? "Name the registry as host[:port][/path], without a scheme or spaces: registry.example/team."
                        : "");
        String t = tag.get().strip();
        tagError.set(t.isEmpty() ? images.get() == ImageHandling.PREBUILT
                ? "Prebuilt images need their tag." : ""
                : !TAG.matcher(t).matches() ? "A tag is up to 128 letters, digits, '_', '.' and '-', "
                        + "and does not start with '.' or '-'." : "");
        valid.set(!loading.get() && kubeconfigProblem.get().isEmpty() && contextError.get().isEmpty()
                && namespaceError.get().isEmpty() && registryError.get().isEmpty() && tagError.get().isEmpty());
    }

    // --- what the dialog binds to ------------------------------------------------------------

    /** "Deploy shop". */
    public String title() {
        return "Deploy " + project;
    }

    /** The contexts of the user's kubeconfig, in its order. */
    public ReadOnlyObjectProperty<List<String>> contextsProperty() {
        return contexts.getReadOnlyProperty();
    }

    public ObjectProperty<String> contextProperty() {
        return context;
    }

    /** The API server of the chosen context: "https://127.0.0.1:6443 (cluster kind-kind)". */
    public ReadOnlyStringProperty serverProperty() {
        return server.getReadOnlyProperty();
    }

    public StringProperty namespaceProperty() {
        return namespace;
    }

    public StringProperty registryProperty() {
        return registry;
    }

    /** Empty: each image is tagged with the hash of its sources. */
    public StringProperty tagProperty() {
        return tag;
    }

    public ObjectProperty<ImageHandling> imagesProperty() {
        return images;
    }

    public BooleanProperty forceConflictsProperty() {
        return forceConflicts;
    }

    /** The kubeconfig is being read. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Why there is no context to choose (no kubeconfig, none defined), or empty. */
    public ReadOnlyStringProperty kubeconfigProblemProperty() {
        return kubeconfigProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty contextErrorProperty() {
        return contextError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty namespaceErrorProperty() {
        return namespaceError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty registryErrorProperty() {
        return registryError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tagErrorProperty() {
        return tagError.getReadOnlyProperty();
    }

    /** Every field is acceptable: Deploy can go. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** Whether the tag field matters: a build without a tag tags with the sources' hash. */
    public javafx.beans.binding.StringExpression tagPrompt() {
        return Bindings.when(images.isEqualTo(ImageHandling.PREBUILT)).then("the tag the images have")
                .otherwise("empty: the hash of each service's sources");
    }

    // --- for DeployViewModel -------------------------------------------------------------------

    /** What the fields say, when they are all acceptable. */
    Optional<DeployTarget> target() {
        if (!valid.get()) {
            return Optional.empty();
        }
        String t = tag.get().strip();
        return Optional.of(new DeployTarget(context.get(), namespace.get().strip(), registry.get().strip(),
                t.isEmpty() ? Optional.empty() : Optional.of(t), images.get().images(), forceConflicts.get()));
    }

    Choices choices() {
        return new Choices(context.get() == null ? "" : context.get(), namespace.get().strip(), registry.get().strip(),
                tag.get().strip(), images.get(), forceConflicts.get());
    }
}
