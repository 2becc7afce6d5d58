package dev.topograph.app.designer.deploy;

import dev.topograph.app.designer.canvas.RunBadge;
import dev.topograph.app.designer.run.RunViewModel;
import dev.topograph.app.designer.canvas.RunBadge.Tone;
import dev.topograph.app.designer.deploy.DeployDialogViewModel.Choices;
import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.LogLine;
import dev.topograph.app.launch.NodeState;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.kubernetes.DeployReport;
import dev.topograph.app.launch.kubernetes.DeployReport.Deployed;
import dev.topograph.app.launch.kubernetes.DeployService;
import dev.topograph.app.launch.kubernetes.DeployService.MetricsForwards;
import dev.topograph.app.launch.kubernetes.DeployService.Watch;
import dev.topograph.app.launch.kubernetes.DeployTarget;
import dev.topograph.app.launch.kubernetes.Drift;
import dev.topograph.app.launch.kubernetes.NodeRollout;
import dev.topograph.app.launch.kubernetes.RolloutListener;
import dev.topograph.app.ui.BackgroundTask;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.app.ui.Throttle;
import dev.topograph.app.ui.UiExecutor;
import dev.topograph.model.generate.LaunchPlan;
import dev.topograph.model.topology.Topology;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Deploy ▲: puts the open design on a Kubernetes cluster through a {@link DeployService}, then
 * watches its rollout and shows it on the canvas (the run badges: "2/3 ready", "CrashLoopBackOff: …"),
 * checks and marks drift, re-applies, undeploys. Every cluster call runs in a background task; what the
 * deployer and the rollout watch say on their threads is gathered there and handed to the UI thread at
 * most once every {@link #COALESCE_MILLIS} ms.
 *
 * <p>While a deployment is watched, {@link #metricsUrlsProperty()} names, for each service and gateway
 * with a ready pod, the local URL of its {@code /metrics} through a port-forward this ViewModel opens
 * and closes with the watch: the live-metrics scraper reads a cluster as it reads a local run.
 *
 * <p>A deployment is shown from Deploy until the user closes its view (or the window): closing stops
 * the watch and the port-forwards; what is on the cluster stays there.
 */
public final class DeployViewModel {
    /** How often the cluster's news reaches the UI thread at most. */
    public static final long COALESCE_MILLIS = 100;
    /** How often the rollout watch looks at the cluster. */
    public static final Duration WATCH_INTERVAL = Duration.ofSeconds(2);
    /** Progress lines kept. */
    static final int LINES = 2000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** What the deployment is doing with the cluster now. */
    public enum Activity {
        NONE(""), DEPLOYING("deploying"), CHECKING_DRIFT("checking drift"), REAPPLYING("re-applying"),
        UNDEPLOYING("undeploying");

        private final String label;

        Activity(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * The question before an action that changes the cluster: what it does, where, to what.
     *
     * @param option a choice the question offers beside yes and no (undeploy: delete the data too), unticked
     */
    public record Confirmation(String title, String header, String message, String action, Optional<String> option) {
        public Confirmation(String title, String header, String message, String action) {
            this(title, header, message, action, Optional.empty());
        }
    }

    private final DocumentViewModel document;
    private final TaskExecutor tasks;
    private final UiExecutor ui;
    private final DeployService service;
    private final long coalesceMillis;
    private final Duration watchInterval;
    private final Map<String, Choices> remembered = new HashMap<>();
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Activity> activity = new ReadOnlyObjectWrapper<>(Activity.NONE);
    private final ReadOnlyBooleanWrapper onCluster = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty deleteData = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Tone> summaryTone = new ReadOnlyObjectWrapper<>(Tone.MUTED);
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(Outcome.NONE);
    private final ReadOnlyObjectWrapper<Map<String, RunBadge>> badges = new ReadOnlyObjectWrapper<>(Map.of());
    private final ReadOnlyObjectWrapper<Map<String, URI>> metricsUrls = new ReadOnlyObjectWrapper<>(Map.of());
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyLines = FXCollections.unmodifiableObservableList(lines);
    private final ObservableList<RolloutRow> rollout = FXCollections.observableArrayList();
    private final ObservableList<RolloutRow> readOnlyRollout = FXCollections.unmodifiableObservableList(rollout);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    /** The deployment shown, from Deploy until its view closes; UI thread only. */
    private Deployment session;

    public DeployViewModel(DocumentViewModel document, TaskExecutor tasks, UiExecutor ui, DeployService service,
            long coalesceMillis, Duration watchInterval) {
        this.document = document;
        this.tasks = tasks;
        this.ui = ui;
        this.service = service;
        this.coalesceMillis = coalesceMillis;
        this.watchInterval = watchInterval;
        busy.bind(activity.isNotEqualTo(Activity.NONE));
    }

    // --- what the views bind to ------------------------------------------------------------

    /** The Deployment view shows (from Deploy until the user closes it). */
    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Activity> activityProperty() {
        return activity.getReadOnlyProperty();
    }

    /** A deploy, drift check, re-apply or undeploy is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Objects of this deployment are on the cluster: drift, re-apply and undeploy apply. */
    public ReadOnlyBooleanProperty onClusterProperty() {
        return onCluster.getReadOnlyProperty();
    }

    /** "shop → namespace shop of context kind-kind". */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** One line on the whole deployment: "shop on kind-kind/shop: 12 of 15 ready · payments crashed". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> summaryToneProperty() {
        return summaryTone.getReadOnlyProperty();
    }

    /** What the last deploy, drift check, re-apply or undeploy came to. */
    public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** The deployer's progress lines ("orders  applied Deployment/orders"), oldest first. */
    public ObservableList<String> lines() {
        return readOnlyLines;
    }

    /** Each node's rollout, in the design's launch order. */
    public ObservableList<RolloutRow> rollout() {
        return readOnlyRollout;
    }

    /** Each node's deploy state, rollout or drift by id, for the canvas; empty when no deployment shows. */
    public ReadOnlyObjectProperty<Map<String, RunBadge>> badgesProperty() {
        return badges.getReadOnlyProperty();
    }

    /**
     * Where each deployed service's and gateway's {@code /metrics} answers on this machine
     * ({@code http://127.0.0.1:<port>/metrics}), through a port-forward to one of its ready pods, by
     * node id. A node appears once it has a ready pod and its forward is open, and the forward follows
     * a replaced pod; the map empties when the watch stops (the view closes, the window closes, an
     * undeploy). For the live-metrics scraper: each entry is one scrape target.
     */
    public ReadOnlyObjectProperty<Map<String, URI>> metricsUrlsProperty() {
        return metricsUrls.getReadOnlyProperty();
    }

    // --- what the user does ----------------------------------------------------------------

    /**
     * The Deploy dialog's fields for the open design: the choices made last time for it in this
     * session, or the kubeconfig's current context and its namespace; the kubeconfig is read in the background.
     */
    public DeployDialogViewModel openDialog() {
        DeployDialogViewModel dialog = new DeployDialogViewModel(document.topology().name(),
                Optional.ofNullable(remembered.get(designKey())));
        dialog.load(service, tasks);
        return dialog;
    }

    /** Deploys the open design where {@code dialog} says; false (and nothing done) when a field is not acceptable. */
    public boolean deploy(DeployDialogViewModel dialog) {
        Optional<DeployTarget> chosen = dialog.target();
        if (chosen.isEmpty() || busy.get()) {
            return false;
        }
        remembered.put(designKey(), dialog.choices());
        DeployTarget target = chosen.get();
        Topology topology = document.topology();
        stopWatching(session);
        Deployment s = new Deployment(topology, target);
        session = s;
        lines.clear();
        rollout.clear();
        outcome.set(Outcome.NONE);
        showBadges(Map.of());
        metricsUrls.set(Map.of());
        onCluster.set(false);
        title.set(s.name + " → " + target.describe());
        open.set(true);
        activity.set(Activity.DEPLOYING);
        setSummary(s.name + ": deploying to " + s.where + "…", Tone.PROGRESS);
        say("deploying " + s.name + " to " + target.describe() + "; images " + target.image(s.project, "NODE",
                target.tag().orElse("SOURCES-HASH")) + ", " + switch (target.images()) {
                    case BUILD_AND_PUSH -> "built and pushed";
                    case BUILD_ONLY -> "built into this machine's Docker engine";
                    case PREBUILT -> "already in the registry";
                });
        Optional<java.nio.file.Path> code = document.codeFolderProperty().get();
        say(code.map(c -> "building your code in " + c)
                .orElse("this design has no code folder yet: deploying the bare design (Generate gives it one)"));
        BackgroundTask.wrap(() -> service.deploy(topology, code, target, s))
                .onSuccess(report -> deployed(s, report))
                .onFailure(e -> refused(s, e))
                .executeWith(tasks);
        return true;
    }

    /** Compares the cluster with the design as deployed, and marks the nodes that differ. */
    public void checkDrift() {
        Deployment s = session;
        if (s == null || s.deployed == null || busy.get()) {
            return;
        }
        activity.set(Activity.CHECKING_DRIFT);
        say("checking drift between " + s.where + " and the design");
        BackgroundTask.wrap(() -> service.drift(s.topology, s.deployed))
                .onSuccess(found -> {
                    if (session != s) {
                        return;
                    }
                    activity.set(Activity.NONE);
                    s.drift = List.copyOf(found);
                    s.driftChecked = true;
                    Outcome o = Outcome.ofDrift(found);
                    outcome.set(o);
                    say(o.headline());
                    o.details().forEach(this::say);
                    refresh(s);
                }).onFailure(e -> {
                    if (session != s) {
                        return;
                    }
                    activity.set(Activity.NONE);
                    outcome.set(new Outcome("Cannot check drift: " + message(e), List.of(), Tone.DANGER));
                    say("cannot check drift: " + message(e));
                    refresh(s);
                }).executeWith(tasks);
    }

    /** What a re-apply would change, to ask first; empty when nothing is deployed. */
    public Optional<Confirmation> reapplyConfirmation() {
        Deployment s = session;
        if (s == null || s.deployed == null) {
            return Optional.empty();
        }
        StringBuilder message = new StringBuilder();
        if (s.driftChecked && !s.drift.isEmpty()) {
            message.append("Re-applying makes ").append(s.deployed.target().describe())
                    .append(" as designed again:\n");
            for (Drift d : s.drift) {
                message.append("\n• ").append(switch (d.kind()) {
                    case CHANGED -> d.object() + ": set back " + String.join("; ", d.differences());
                    case MISSING -> d.object() + ": created again";
                    case EXTRA -> d.object() + ": deleted (labelled " + label(s) + " but not in the design)";
                    case SCALED -> d.object() + ": scaled back to its autoscaler's count";
                });
            }
            message.append("\n\nFields another manager (kubectl, an operator) changed are taken over.");
        } else {
            message.append("Re-applying applies every object of ").append(s.name).append(" to ")
                    .append(s.deployed.target().describe()).append(" again, taking over fields another manager "
                            + "(kubectl, an operator) changed, and deletes objects labelled ").append(label(s))
                    .append(" that are not in the design.")
                    .append(s.driftChecked ? "\n\nThe last drift check found no difference."
                            : "\n\nCheck drift first to see what would change.");
        }
        message.append("\nImages are not rebuilt: the cluster keeps running the images of the deploy.");
        return Optional.of(new Confirmation("Re-apply " + s.name, "Re-apply " + s.name + " to " + s.where + "?",
                message.toString(), "Re-apply"));
    }

    /** Applies the design again, taking back what others changed, and deletes what is not in it. */
    public void reapply() {
        Deployment s = session;
        if (s == null || s.deployed == null || busy.get()) {
            return;
        }
        activity.set(Activity.REAPPLYING);
        setSummary(s.name + ": re-applying to " + s.where + "…", Tone.PROGRESS);
        say("re-applying " + s.name + " to " + s.deployed.target().describe());
        Deployed deployed = s.deployed;
        BackgroundTask.wrap(() -> service.reapply(s.topology, deployed, s))
                .onSuccess(report -> {
                    if (session != s) {
                        return;
                    }
                    s.flush();
                    activity.set(Activity.NONE);
                    Outcome o = Outcome.ofReport(report, "re-apply");
                    outcome.set(o);
                    say(o.headline());
                    o.details().forEach(this::say);
                    if (report.complete()) {
                        s.drift = List.of();
                        s.driftChecked = false;
                    }
                    document.tell(o.headline(), !report.complete());
                    refresh(s);
                }).onFailure(e -> {
                    if (session != s) {
                        return;
                    }
                    activity.set(Activity.NONE);
                    outcome.set(Outcome.refused("Cannot re-apply " + s.name, message(e)));
                    refresh(s);
                }).executeWith(tasks);
    }

    /** What an undeploy would delete, where, to ask first; empty when nothing is deployed. */
    public Optional<Confirmation> undeployConfirmation() {
        Deployment s = session;
        if (s == null || s.deployed == null) {
            return Optional.empty();
        }
        String where = s.deployed.target().describe();
        deleteData.set(false);
        return Optional.of(new Confirmation("Undeploy " + s.name, "Remove " + s.name + " from " + where + "?",
                "Deletes every object labelled " + label(s) + " in " + where + ": its Deployments, StatefulSets, "
                        + "Services, ConfigMaps, autoscalers, disruption budgets and network policies. The data of its "
                        + "databases (volume claims) and the credentials Secrets with their passwords stay for the next "
                        + "deploy, unless you tick the box below.\n\n"
                        + "Nothing without that label is touched, and the namespace " + s.deployed.target().namespace()
                        + " stays.", "Undeploy", Optional.of("Delete the databases' data and passwords too "
                        + "(volume claims and credentials Secrets)")));
    }

    /** Whether the next undeploy deletes the databases' data and passwords too; unticked at each question. */
    public BooleanProperty deleteDataProperty() {
        return deleteData;
    }

    /** Stops watching, then deletes everything with the project's label from the namespace. */
    public void undeploy() {
        Deployment s = session;
        if (s == null || s.deployed == null || busy.get()) {
            return;
        }
        Deployed deployed = s.deployed;
        boolean withData = deleteData.get();
        s.deployed = null;
        Watch watch = s.watch;
        MetricsForwards forwards = s.forwards;
        s.watch = null;
        s.forwards = null;
        metricsUrls.set(Map.of());
        activity.set(Activity.UNDEPLOYING);
        setSummary(s.name + ": undeploying from " + s.where + "…", Tone.PROGRESS);
        say("undeploying " + s.name + ": deleting everything labelled " + label(s) + " in "
                + deployed.target().describe());
        BackgroundTask.wrap(() -> {
            stop(watch, forwards);
            return service.undeploy(deployed.project(), deployed.target().context(), deployed.target().namespace(),
                    withData);
        }).onSuccess(report -> {
            if (session != s) {
                return;
            }
            activity.set(Activity.NONE);
            Outcome o = Outcome.ofUndeploy(report);
            outcome.set(o);
            say(o.headline());
            o.details().forEach(this::say);
            s.rollouts.clear();
            s.statuses.clear();
            s.drift = List.of();
            s.driftChecked = false;
            s.undeployed = true;
            if (!report.complete()) {
                s.deployed = deployed; // some of it is still there: undeploy can be tried again
            }
            onCluster.set(s.deployed != null);
            document.tell(o.headline(), !report.complete());
            refresh(s);
        }).onFailure(e -> {
            if (session != s) {
                return;
            }
            s.deployed = deployed;
            activity.set(Activity.NONE);
            outcome.set(new Outcome("Cannot undeploy " + s.name + ": " + message(e), List.of(), Tone.DANGER));
            refresh(s);
        }).executeWith(tasks);
    }

    /**
     * The user closed the Deployment view, or the window: stops the rollout watch and the
     * port-forwards (in the background) and takes the deployment off the canvas. What is on the
     * cluster stays; a deploy under way finishes there and says so on the status line.
     */
    public void close() {
        Deployment s = session;
        session = null;
        stopWatching(s);
        open.set(false);
        activity.set(Activity.NONE);
        onCluster.set(false);
        showBadges(Map.of());
        metricsUrls.set(Map.of());
        rollout.clear();
        setSummary("", Tone.MUTED);
    }

    // --- the deployment's life, on the UI thread --------------------------------------------

    private void deployed(Deployment s, DeployReport report) {
        Outcome o = Outcome.ofReport(report, "deploy");
        if (session != s) {
            document.tell(s.name + ": " + o.headline(), !report.complete());
            return;
        }
        s.flush(); // its last lines and states first
        activity.set(Activity.NONE);
        outcome.set(o);
        say(o.headline());
        o.details().forEach(this::say);
        document.tell(o.headline(), !report.complete());
        if (report.applied().isEmpty()) {
            s.statuses.clear(); // nothing of it is on the cluster: the report says it all
        } else {
            s.deployed = report.deployed();
            onCluster.set(true);
            watch(s);
        }
        refresh(s);
    }

    private void refused(Deployment s, Exception e) {
        String why = message(e);
        if (session != s) {
            document.tell("Cannot deploy " + s.name + ": " + firstLine(why), true);
            return;
        }
        activity.set(Activity.NONE);
        s.statuses.clear();
        outcome.set(Outcome.refused("Cannot deploy " + s.name, why));
        say("cannot deploy: " + why);
        document.tell("Cannot deploy " + s.name + ": " + firstLine(why), true);
        refresh(s);
    }

    /** Starts the rollout watch, then the port-forwards to the services' metrics. */
    private void watch(Deployment s) {
        Deployed deployed = s.deployed;
        BackgroundTask.wrap(() -> service.watch(deployed, s.nodes, watchInterval, s)).onSuccess(w -> {
            if (session != s || s.deployed != deployed) {
                stop(w, null, true);
                return;
            }
            s.watch = w;
            forward(s);
        }).onFailure(e -> {
            if (session == s) {
                say("cannot watch the rollout: " + message(e));
                s.watchProblem = message(e);
                refresh(s);
            }
        }).executeWith(tasks);
    }

    private void forward(Deployment s) {
        Deployed deployed = s.deployed;
        BackgroundTask.wrap(() -> service.forwardMetrics(s.topology, deployed)).onSuccess(f -> {
            if (session != s || s.deployed != deployed) {
                stop(null, f, true);
                return;
            }
            s.forwards = f;
            showUrls(s, f.urls());
            refreshForwards(s);
        }).onFailure(e -> {
            if (session == s) {
                say("cannot forward ports to the services' metrics: " + message(e));
            }
        }).executeWith(tasks);
    }

    /** Opens forwards to nodes that became ready, or whose pod was replaced; one refresh at a time. */
    private void refreshForwards(Deployment s) {
        if (s.forwards == null || session != s) {
            return;
        }
        if (s.refreshing) {
            s.refreshAgain = true;
            return;
        }
        Set<String> ready = s.rollouts.values().stream().filter(r -> r.ready() > 0).map(NodeRollout::node)
                .collect(Collectors.toSet());
        if (ready.isEmpty()) {
            return;
        }
        MetricsForwards forwards = s.forwards;
        s.refreshing = true;
        BackgroundTask.wrap(() -> forwards.refresh(ready)).onSuccess(urls -> {
            s.refreshing = false;
            if (session == s && s.forwards == forwards) {
                showUrls(s, urls);
                if (s.refreshAgain) {
                    s.refreshAgain = false;
                    refreshForwards(s);
                }
            }
        }).onFailure(e -> {
            s.refreshing = false;
            s.refreshAgain = false;
            if (session == s) {
                say("metrics port-forward: " + message(e));
            }
        }).executeWith(tasks);
    }

    private void showUrls(Deployment s, Map<String, URI> urls) {
        Map<String, URI> now = Collections.unmodifiableMap(new LinkedHashMap<>(urls));
        if (now.equals(metricsUrls.get())) {
            return;
        }
        now.forEach((node, url) -> {
            if (!url.equals(metricsUrls.get().get(node))) {
                say(node + ": metrics at " + url);
            }
        });
        metricsUrls.set(now);
    }

    /** Takes what the deployer and the watch said since the last time. */
    private void apply(Deployment s, Map<String, NodeStatus> statuses, Map<String, NodeRollout> rollouts,
            List<String> newLines, Optional<String> watchProblem) {
        s.statuses.putAll(statuses);
        s.rollouts.putAll(rollouts);
        watchProblem.ifPresent(p -> s.watchProblem = p);
        if (!rollouts.isEmpty() && watchProblem.isEmpty()) {
            s.watchProblem = "";
        }
        addLines(newLines);
        if (!statuses.isEmpty() || !rollouts.isEmpty() || watchProblem.isPresent()) {
            refresh(s);
        }
        if (!rollouts.isEmpty()) {
            refreshForwards(s);
        }
    }

    /** Badges, rollout rows and summary from what is known of each node. */
    private void refresh(Deployment s) {
        Map<String, List<Drift>> driftByNode = new LinkedHashMap<>();
        s.drift.forEach(d -> driftByNode.computeIfAbsent(d.node(), n -> new ArrayList<>()).add(d));
        Map<String, RunBadge> now = new LinkedHashMap<>();
        List<RolloutRow> rows = new ArrayList<>();
        for (String node : s.nodes) {
            NodeRollout r = s.rollouts.get(node);
            NodeStatus st = s.statuses.get(node);
            List<Drift> drift = driftByNode.getOrDefault(node, List.of());
            RunBadge badge = r != null ? DeployBadges.of(r, s.where) : st != null ? DeployBadges.of(st) : null;
            if (!drift.isEmpty()) {
                badge = DeployBadges.ofDrift(drift, Optional.ofNullable(badge));
            }
            if (badge != null) {
                now.put(node, badge);
            }
            String driftText = String.join("; ", drift.stream().map(Drift::describe).toList());
            if (r != null) {
                rows.add(new RolloutRow(node, r.state().label(), RunViewModel.toneOf(r.state()),
                        r.workload().isEmpty() ? "" : r.ready() + "/" + r.desired(), DeployBadges.phases(r), r.restarts(),
                        r.message(), driftText));
            } else if (st != null) {
                rows.add(new RolloutRow(node, st.state().label(), RunViewModel.toneOf(st.state()), "", "", 0, st.message(),
                        driftText));
            }
        }
        showBadges(now);
        rollout.setAll(rows);
        refreshSummary(s);
    }

    private void refreshSummary(Deployment s) {
        String head = s.name + " on " + s.where + ": ";
        if (busy.get()) {
            setSummary(head + activity.get().label() + "…", Tone.PROGRESS);
            return;
        }
        if (s.undeployed && s.deployed == null) {
            setSummary(s.name + ": undeployed from " + s.where, Tone.MUTED);
            return;
        }
        if (s.deployed == null) {
            boolean failed = outcome.get().tone() == Tone.DANGER;
            setSummary(s.name + (failed ? ": the deploy to " + s.where + " failed" : ": not deployed"),
                    failed ? Tone.DANGER : Tone.MUTED);
            return;
        }
        String drift = s.drift.isEmpty() ? "" : " · " + s.drift.size() + (s.drift.size() == 1 ? " drift" : " drifts");
        if (!s.watchProblem.isEmpty()) {
            setSummary(head + "cannot watch: " + firstLine(s.watchProblem) + drift, Tone.WARN);
            return;
        }
        List<NodeRollout> all = s.nodes.stream().map(s.rollouts::get).filter(r -> r != null).toList();
        if (all.isEmpty()) {
            setSummary(head + "applied; waiting for the rollout…" + drift, Tone.PROGRESS);
            return;
        }
        long ready = all.stream().filter(r -> r.state() == NodeState.HEALTHY).count();
        String count = ready + " of " + s.nodes.size() + " ready";
        List<NodeRollout> broken = all.stream().filter(r -> r.state() == NodeState.CRASHED
                || r.state() == NodeState.FAILED).toList();
        List<NodeRollout> unhealthy = all.stream().filter(r -> r.state() == NodeState.UNHEALTHY).toList();
        if (!broken.isEmpty()) {
            setSummary(head + count + " · " + broken.get(0).node() + " " + broken.get(0).state().label()
                    + (broken.size() > 1 ? " and " + (broken.size() - 1) + " more" : "") + drift, Tone.DANGER);
        } else if (!unhealthy.isEmpty()) {
            setSummary(head + count + " · " + unhealthy.get(0).node() + " unhealthy"
                    + (unhealthy.size() > 1 ? " and " + (unhealthy.size() - 1) + " more" : "") + drift, Tone.WARN);
        } else if (ready < s.nodes.size()) {
            setSummary(head + count + " · rolling out…" + drift, drift.isEmpty() ? Tone.PROGRESS : Tone.WARN);
        } else {
            setSummary(head + count + drift, drift.isEmpty() ? Tone.OK : Tone.WARN);
        }
    }

    private void showBadges(Map<String, RunBadge> now) {
        badges.set(now.isEmpty() ? Map.of() : Collections.unmodifiableMap(now));
    }

    private void setSummary(String text, Tone tone) {
        summary.set(text);
        summaryTone.set(tone);
    }

    private void say(String text) {
        addLines(List.of(TIME.format(Instant.now()) + "  " + text));
    }

    private void addLines(List<String> more) {
        if (more.isEmpty()) {
            return;
        }
        int overflow = lines.size() + more.size() - LINES;
        if (overflow >= lines.size()) {
            lines.setAll(more.subList(Math.max(0, more.size() - LINES), more.size()));
            return;
        }
        if (overflow > 0) {
            lines.remove(0, overflow);
        }
        lines.addAll(more);
    }

    /** Stops a deployment's watch and forwards in the background. */
    private void stopWatching(Deployment s) {
        if (s == null) {
            return;
        }
        Watch w = s.watch;
        MetricsForwards f = s.forwards;
        s.watch = null;
        s.forwards = null;
        stop(w, f, true);
    }

    private void stop(Watch watch, MetricsForwards forwards, boolean inBackground) {
        if (watch == null && forwards == null) {
            return;
        }
        if (!inBackground) {
            stop(watch, forwards);
            return;
        }
        BackgroundTask.wrap(() -> {
            stop(watch, forwards);
            return true;
        }).executeWith(tasks);
    }

    private static void stop(Watch watch, MetricsForwards forwards) {
        if (watch != null) {
            watch.stop();
        }
        if (forwards != null) {
            forwards.close();
        }
    }

    /** The key a design's choices are remembered by: its file, or its name while it has none. */
    private String designKey() {
        return document.fileProperty().get().map(Path::toString).orElse("unsaved design " + document.topology().name());
    }

    private static String label(Deployment s) {
        return "io.topograph.project=" + (s.deployed != null ? s.deployed.project() : s.project);
    }

    private static String message(Exception e) {
        if (e instanceof LaunchException || e instanceof dev.topograph.app.launch.kubernetes.ClusterException) {
            return e.getMessage();
        }
        return "something unexpected went wrong: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage());
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.endsWith(":") ? line.substring(0, line.length() - 1) : line;
    }

    /**
     * One deployment, from Deploy until its view closes. It hears the deployer and the rollout watch
     * on their threads and keeps only what the UI has not taken yet: each node's newest status and
     * rollout, and the newest lines.
     */
    private final class Deployment implements RunListener, RolloutListener {
        final Topology topology;
        final String name;
        final String project;
        final String where;
        final List<String> nodes;
        private final Throttle throttle = new Throttle(coalesceMillis, ui, this::flush);
        private final Object lock = new Object();
        private Map<String, NodeStatus> pendingStatuses = new LinkedHashMap<>();
        private Map<String, NodeRollout> pendingRollouts = new LinkedHashMap<>();
        private List<String> pendingLines = new ArrayList<>();
        private String pendingWatchProblem;
        // UI thread only.
        final Map<String, NodeStatus> statuses = new LinkedHashMap<>();
        final Map<String, NodeRollout> rollouts = new LinkedHashMap<>();
        Deployed deployed;
        Watch watch;
        MetricsForwards forwards;
        List<Drift> drift = List.of();
        boolean driftChecked;
        boolean undeployed;
        boolean refreshing;
        boolean refreshAgain;
        String watchProblem = "";

        Deployment(Topology topology, DeployTarget target) {
            this.topology = topology;
            this.name = topology.name();
            List<String> planned;
            String planProject;
            try {
                LaunchPlan plan = LaunchPlan.of(topology);
                planned = plan.nodes().stream().map(LaunchPlan.PlannedNode::id).toList();
                planProject = plan.project();
            } catch (RuntimeException e) {
                // a design the deploy will refuse (its report says why): its nodes in drawing order
                planned = topology.nodes().stream().map(dev.topograph.model.topology.Node::id).toList();
                planProject = topology.name();
            }
            this.nodes = planned;
            this.project = planProject;
            this.where = target.context() + "/" + target.namespace();
        }

        @Override
        public void statusChanged(NodeStatus status) {
            synchronized (lock) {
                pendingStatuses.put(status.node(), status);
            }
            throttle.request();
        }

        @Override
        public void logged(LogLine line) {
            String text = TIME.format(line.time()) + "  " + (line.node().isEmpty() ? "" : line.node() + "  ") + line.text();
            synchronized (lock) {
                pendingLines.add(text);
                if (pendingLines.size() > LINES) {
                    pendingLines.remove(0);
                }
            }
            throttle.request();
        }

        @Override
        public void rolloutChanged(NodeRollout r) {
            synchronized (lock) {
                pendingRollouts.put(r.node(), r);
            }
            throttle.request();
        }

        @Override
        public void watchFailed(String reason) {
            synchronized (lock) {
                pendingWatchProblem = reason;
                pendingLines.add(TIME.format(Instant.now()) + "  watch: " + reason);
            }
            throttle.request();
        }

        /** On the UI thread: takes what has gathered since the last time. */
        void flush() {
            Map<String, NodeStatus> statusBatch;
            Map<String, NodeRollout> rolloutBatch;
            List<String> lineBatch;
            String problem;
            synchronized (lock) {
                statusBatch = pendingStatuses;
                rolloutBatch = pendingRollouts;
                lineBatch = pendingLines;
                problem = pendingWatchProblem;
                pendingStatuses = new LinkedHashMap<>();
                pendingRollouts = new LinkedHashMap<>();
                pendingLines = new ArrayList<>();
                pendingWatchProblem = null;
            }
            if (session != this) {
                return; // closed: its last words change nothing
            }
            if (deployed == null && !rolloutBatch.isEmpty()) {
                rolloutBatch = Map.of(); // a watch being stopped after an undeploy
            }
            apply(this, statusBatch, rolloutBatch, lineBatch, Optional.ofNullable(problem));
        }
    }
}
