package dev.topograph.app.designer.run;

import dev.topograph.app.designer.canvas.RunBadge;
import dev.topograph.app.designer.canvas.RunBadge.Tone;
import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.designer.problems.ProblemsViewModel;
import dev.topograph.app.launch.LaunchException;
import dev.topograph.app.launch.Leftovers;
import dev.topograph.app.launch.LogLine;
import dev.topograph.app.launch.NodeState;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.launch.Run;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.RunService;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.app.ui.BackgroundTask;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.app.ui.Throttle;
import dev.topograph.app.ui.UiExecutor;
import dev.topograph.model.generate.CodeFolder;
import dev.topograph.model.generate.GenerationException;
import dev.topograph.model.generate.LaunchPlan;
import dev.topograph.model.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Run ▶ and Stop ■: starts the open design on this machine through a {@link RunService}, shows
 * each node's state as it changes (badges for the canvas, a summary for the status line, lines for
 * the Logs panel), restarts a node, stops everything, and offers to clean up what an interrupted
 * run left. Launching and stopping happen on background threads. A run reports on the launcher's
 * threads; what it says is gathered there and handed to the UI thread at most once every
 * {@link #COALESCE_MILLIS} ms, however fast statuses and log lines come.
 */
public final class RunViewModel {
    /** How often a run's news reaches the UI thread at most. */
    public static final long COALESCE_MILLIS = 100;
    /** How long closing the window waits for a run to stop. */
    public static final Duration CLOSE_WAIT = Duration.ofSeconds(60);

    /** Where the Run button is. */
    public enum Phase {
        /** Nothing runs: Run ▶ starts the design. */
        IDLE,
        /** The design is checked and generated, its ports tried. */
        PREPARING,
        /** The run is under way: Stop ■ stops it. */
        RUNNING,
        /** Everything is being stopped. */
        STOPPING
    }

    /** Why a Run could not start, for a dialog; {@code designHasErrors} points the user at the Problems panel. */
    public record Failure(String title, String message, boolean designHasErrors) {
    }

    /** The offer, at start, to remove what interrupted runs left on this machine. */
    public record LeftoversOffer(String message) {
    }

    /** Run ▶ on a design without a code folder: where should its code live? {@code suggested} is a good place. */
    public record CodeFolderQuestion(String design, Path suggested) {
    }

    /** The answer to a {@link CodeFolderQuestion}. */
    public sealed interface CodeFolderAnswer {
        /** Generate the design's code into {@code folder}, move the design there, and run that code. */
        record GenerateInto(Path folder) implements CodeFolderAnswer {
        }

        /** Run the bare design from a throwaway folder, this once. */
        record Bare() implements CodeFolderAnswer {
        }
    }

    private final DocumentViewModel document;
    private final ProblemsViewModel problems;
    private final TaskExecutor tasks;
    private final UiExecutor ui;
    private final RunService service;
    private final long coalesceMillis;
    private final LogsViewModel logs = new LogsViewModel();
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.IDLE);
    private final ObjectProperty<RunMode> mode = new SimpleObjectProperty<>(RunMode.PROCESSES);
    private final ReadOnlyObjectWrapper<Map<String, RunBadge>> badges = new ReadOnlyObjectWrapper<>(Map.of());
    private final ReadOnlyObjectWrapper<Map<String, NodeStatus>> statuses = new ReadOnlyObjectWrapper<>(Map.of());
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Tone> summaryTone = new ReadOnlyObjectWrapper<>(Tone.MUTED);
    private final ReadOnlyBooleanWrapper editedWhileRunning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper cleaning = new ReadOnlyBooleanWrapper();
    private Consumer<Failure> onFailure = failure -> { };
    private Runnable onShowLogs = () -> { };
    private Function<CodeFolderQuestion, Optional<CodeFolderAnswer>> askCodeFolder =
            question -> Optional.of(new CodeFolderAnswer.Bare());
    /** The run from Run ▶ until it has stopped; UI thread only. */
    private Session session;

    public RunViewModel(DocumentViewModel document, ProblemsViewModel problems, TaskExecutor tasks, UiExecutor ui,
            RunService service, long coalesceMillis) {
        this.document = document;
        this.problems = problems;
        this.tasks = tasks;
        this.ui = ui;
        this.service = service;
        this.coalesceMillis = coalesceMillis;
        document.topologyProperty().addListener((o, old, now) -> refreshHint());
        phase.addListener((o, old, now) -> refreshHint());
        // While the user draws, the launcher gets ready to build what Run ▶ will build.
        document.topologyProperty().addListener((o, old, now) -> prepare());
        prepare();
    }

    // --- what the views bind to ------------------------------------------------------------

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** Processes or Docker, for the next Run. */
    public ObjectProperty<RunMode> modeProperty() {
        return mode;
    }

    /** Each node's run state by id, for the canvas; empty when no run shows. */
    public ReadOnlyObjectProperty<Map<String, RunBadge>> badgesProperty() {
        return badges.getReadOnlyProperty();
    }

    /**
     * What the launcher last said of each node of the run (where it answers, its restarts), in start
     * order; empty when no run is under way. The live dashboard scrapes the nodes it names.
     */
    public ReadOnlyObjectProperty<Map<String, NodeStatus>> statusesProperty() {
        return statuses.getReadOnlyProperty();
    }

    /** The design as it was when the run under way started (edits since apply on the next Run). */
    public Optional<Topology> runningTopology() {
        return Optional.ofNullable(session).map(s -> s.topology);
    }

    /** Where a running service's admin server (pprof) answers; empty for servers and nodes not running. */
    public Optional<String> adminUrl(String node) {
        Session s = session;
        return runs(node) ? s.run.adminUrl(node) : Optional.empty();
    }

    /** One line on the whole run: "shop: 15 of 15 healthy", "shop: building 3…". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> summaryToneProperty() {
        return summaryTone.getReadOnlyProperty();
    }

    /** The design was edited while it runs: the changes apply on the next Run. */
    public ReadOnlyBooleanProperty editedWhileRunningProperty() {
        return editedWhileRunning.getReadOnlyProperty();
    }

    /** What an interrupted run left is being removed: Run waits until it is gone (its ports, its data). */
    public ReadOnlyBooleanProperty cleaningProperty() {
        return cleaning.getReadOnlyProperty();
    }

    /** The Logs panel. */
    public LogsViewModel logs() {
        return logs;
    }

    /** Where a Run that could not start is told (a dialog). */
    public void onFailure(Consumer<Failure> action) {
        this.onFailure = action;
    }

    /** Where a request to see the Logs panel goes (the window brings its tab forward). */
    public void onShowLogs(Runnable action) {
        this.onShowLogs = action;
    }

    /** Whether a node of the run can be restarted and its logs shown. */
    public boolean runs(String node) {
        return phase.get() == Phase.RUNNING && session != null && session.statuses.containsKey(node);
    }

    // --- what the user does ----------------------------------------------------------------

    /** The toolbar button: Run when idle, Stop while running. */
    public void runOrStop() {
        switch (phase.get()) {
            case IDLE -> start();
            case RUNNING -> stop();
            default -> { }
        }
    }

    /**
     * How Run ▶ asks where the code of a design without a code folder should live (a dialog);
     * empty means the user cancelled. Without one, such a design runs bare.
     */
    public void onNeedCodeFolder(Function<CodeFolderQuestion, Optional<CodeFolderAnswer>> ask) {
        this.askCodeFolder = ask;
    }

    /**
     * Starts the open design in the chosen mode, in the background: its code folder regenerated in
     * place and built, so what runs is the user's code. A design without one is asked where its code
     * should live first (or runs bare, if the user says so).
     */
    public void start() {
        if (phase.get() != Phase.IDLE || cleaning.get()) {
            return;
        }
        Topology topology = document.topology();
        Optional<Path> file = document.fileProperty().get();
        Optional<Path> generateInto = Optional.empty();
        if (document.codeFolderProperty().get().isEmpty()) {
            Optional<CodeFolderAnswer> answer = askCodeFolder.apply(new CodeFolderQuestion(topology.name(),
                    suggestedCodeFolder(file, topology.name())));
            if (answer.isEmpty()) {
                return;
            }
            if (answer.get() instanceof CodeFolderAnswer.GenerateInto into) {
                generateInto = Optional.of(into.folder());
            }
        }
        Session s = new Session(topology.name(), topology);
        session = s;
        logs.clear();
        showBadges(Map.of());
        phase.set(Phase.PREPARING);
        RunSettings.Mode launchMode = mode.get() == RunMode.DOCKER ? RunSettings.Mode.DOCKER : RunSettings.Mode.PROCESS;
        if (generateInto.isEmpty()) {
            setSummary(s.name + ": preparing…", Tone.PROGRESS);
            launch(s, file, launchMode);
            return;
        }
        Path chosen = generateInto.get();
        setSummary(s.name + ": generating its code in " + chosen + "…", Tone.PROGRESS);
        BackgroundTask.wrap(() -> {
            CodeFolder folder = new CodeFolder(CodeFolder.placeFor(chosen, topology.name()));
            folder.regenerate(topology, file, false);
            return folder.designFile(topology);
        }).onSuccess(designFile -> {
            document.movedInto(designFile, topology);
            launch(s, Optional.of(designFile), launchMode);
        }).onFailure(e -> refused(s, e)).executeWith(tasks);
    }

    private void launch(Session s, Optional<Path> designFile, RunSettings.Mode launchMode) {
        BackgroundTask.wrap(() -> service.start(s.topology, designFile, launchMode, s))
                .onSuccess(run -> started(s, run))
                .onFailure(e -> refused(s, e))
                .executeWith(tasks);
    }

    /** Beside the design's file, in a folder named after it; for a design never saved, in the home folder. */
    static Path suggestedCodeFolder(Optional<Path> designFile, String name) {
        return designFile.map(f -> f.toAbsolutePath().getParent())
                .orElse(Path.of(System.getProperty("user.home"), "topograph")).resolve(name);
    }

    /**
     * Brings the running system to the design as it is now. The code folder is regenerated in place
     * (the user's files kept); the run's source watcher then rebuilds and restarts only the services
     * whose code changed. A change of the system's shape (nodes, ports, connections) or a bare run
     * restarts the whole run.
     */
    public void applyDesignChange() {
        Session s = session;
        if (s == null || s.run == null || phase.get() != Phase.RUNNING || !editedWhileRunning.get()) {
            return;
        }
        Topology now = document.topology();
        Optional<Path> code = document.codeFolderProperty().get();
        if (code.isEmpty() || !sameShape(s.topology, now)) {
            document.tell(code.isEmpty() ? "Restarting " + s.name + " with the changed design (a bare run)"
                    : "Restarting " + s.name + ": the design's nodes, ports or connections changed", false);
            s.stopRequested = true;
            phase.set(Phase.STOPPING);
            setSummary(s.name + ": restarting with the changed design…", Tone.PROGRESS);
            stopRun(s, true, this::start);
            return;
        }
        Optional<Path> file = document.fileProperty().get();
        BackgroundTask.wrap(() -> new CodeFolder(code.get()).regenerate(now, file, false))
                .onSuccess(summary -> {
                    s.topology = now;
                    refreshHint();
                    List<String> services = summary.changed().stream().filter(p -> p.startsWith("services/"))
                            .map(p -> p.split("/")[1]).distinct().sorted().toList();
                    document.tell("Applied the design to the running " + s.name + (services.isEmpty() ? ""
                            : ": rebuilding " + String.join(", ", services)), false);
                })
                .onFailure(e -> {
                    String message = "Cannot apply the change: " + e.getMessage();
                    document.tell(firstLine(message), true);
                    onFailure.accept(new Failure("Cannot apply the change to " + s.name, message, false));
                })
                .executeWith(tasks);
    }

    /** Whether two designs run as the same nodes on the same ports with the same connections. */
    static boolean sameShape(Topology before, Topology after) {
        try {
            return LaunchPlan.of(before).equals(LaunchPlan.of(after));
        } catch (RuntimeException invalid) {
            return false;
        }
    }

    /** Stops every node, in the background. */
    public void stop() {
        Session s = session;
        if (s == null || s.run == null || phase.get() != Phase.RUNNING) {
            return;
        }
        s.stopRequested = true;
        phase.set(Phase.STOPPING);
        setSummary(s.name + ": stopping…", Tone.PROGRESS);
        stopRun(s, true, () -> document.tell("Stopped " + s.name + ": nothing of it is left running", false));
    }

    /** Stops a node of the run and starts it again. */
    public void restart(String node) {
        Session s = session;
        if (!runs(node)) {
            return;
        }
        BackgroundTask.wrap(() -> {
            s.run.restart(node);
            return node;
        }).onSuccess(n -> document.tell("Restarting " + n, false))
                .onFailure(e -> document.tell("Could not restart " + node + ": " + e.getMessage(), true))
                .executeWith(tasks);
    }

    /** Shows a node's lines in the Logs panel. */
    public void showLogs(String node) {
        if (logs.select(node)) {
            onShowLogs.run();
        }
    }

    /**
     * The window is closing: stops the run first (in the background) and runs {@code then} on the UI
     * thread once it has stopped, or after {@link #CLOSE_WAIT} at the most (the app's exit then stops it).
     */
    public void close(Runnable then) {
        close(then, CLOSE_WAIT);
    }

    void close(Runnable then, Duration wait) {
        Session s = session;
        if (s == null) {
            then.run();
            return;
        }
        document.tell("Stopping " + s.name + " before closing…", false);
        if (phase.get() == Phase.RUNNING) {
            stop();
        } else {
            s.stopRequested = true; // Preparing: stopped as soon as the launcher hands the run over.
        }
        s.down.copy().completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS)
                .thenRun(() -> ui.execute(then));
    }

    /**
     * Looks for what killed runs left (in the background) and, if there is anything, asks through
     * {@code ask} whether to clean it up (true) or leave it; cleans in the background.
     */
    public void offerCleanup(Function<LeftoversOffer, Boolean> ask) {
        BackgroundTask.wrap(() -> {
            List<Leftovers.Found> found = new ArrayList<>();
            for (Leftovers.Found f : service.leftovers()) {
                if (f.isEmpty()) {
                    service.clean(f); // A stale record with nothing behind it: nothing to ask about.
                } else {
                    found.add(f);
                }
            }
            return found;
        }).onSuccess(found -> {
            if (!found.isEmpty() && ask.apply(offer(found))) {
                clean(found);
            }
        }).onFailure(e -> document.tell("Could not look for what interrupted runs left: " + e.getMessage(), true))
                .executeWith(tasks);
    }

    private void clean(List<Leftovers.Found> found) {
        String what = String.join(" and ", found.stream().map(Leftovers.Found::project).toList());
        cleaning.set(true);
        setSummary("cleaning up after " + what + "…", Tone.PROGRESS);
        BackgroundTask.wrap(() -> {
            found.forEach(service::clean);
            return found;
        }).onSuccess(done -> {
            cleaned();
            document.tell("Cleaned up what the interrupted run of " + what + " left", false);
        }).onFailure(e -> {
            cleaned();
            document.tell("Could not clean up after " + what + ": " + e.getMessage(), true);
        }).executeWith(tasks);
    }

    private void cleaned() {
        cleaning.set(false);
        if (phase.get() == Phase.IDLE) {
            setSummary("", Tone.MUTED);
        }
    }

    static LeftoversOffer offer(List<Leftovers.Found> found) {
        if (found.size() == 1) {
            Leftovers.Found f = found.get(0);
            return new LeftoversOffer("A run of " + f.project() + " was interrupted and left " + leftBehind(f) + ".");
        }
        List<String> projects = found.stream().map(Leftovers.Found::project).toList();
        List<String> parts = found.stream().map(f -> f.project() + ": " + leftBehind(f)).toList();
        return new LeftoversOffer("Runs of " + String.join(" and ", projects) + " were interrupted and left "
                + String.join("; ", parts) + ".");
    }

    private static String leftBehind(Leftovers.Found f) {
        List<String> parts = new ArrayList<>();
        count(parts, f.processes().size(), "process", "processes");
        count(parts, f.containers().size(), "container", "containers");
        count(parts, f.dataDirs().size(), "data folder", "data folders");
        return String.join(", ", parts);
    }

    private static void count(List<String> parts, int n, String one, String many) {
        if (n > 0) {
            parts.add(n + " " + (n == 1 ? one : many));
        }
    }

    // --- the run's life, on the UI thread --------------------------------------------------

    private void started(Session s, Run run) {
        s.run = run;
        if (s.stopRequested) {
            phase.set(Phase.STOPPING);
            setSummary(s.name + ": stopping…", Tone.PROGRESS);
            stopRun(s, true, () -> { });
            return;
        }
        phase.set(Phase.RUNNING);
        refreshSummary(s);
        checkEnded(s);
    }

    private void refused(Session s, Exception e) {
        if (session == s) {
            session = null;
        }
        statuses.set(Map.of());
        s.down.complete(null);
        phase.set(Phase.IDLE);
        showBadges(Map.of());
        setSummary("", Tone.MUTED);
        String message = e instanceof LaunchException
                ? e.getMessage()
                : e instanceof GenerationException || e instanceof java.io.IOException
                ? "Its code could not be generated: " + e.getMessage()
                : "Something unexpected went wrong: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        document.tell("Cannot run " + s.name + ": " + firstLine(message), true);
        onFailure.accept(new Failure("Cannot run " + s.name, message, problems.errorsProperty().get() > 0));
    }

    /** Stops the run in the background; {@code after} runs once it has stopped. */
    private void stopRun(Session s, boolean forget, Runnable after) {
        BackgroundTask.wrap(() -> {
            s.run.stop();
            return s;
        }).onSuccess(x -> {
            ended(s, forget);
            after.run();
        }).onFailure(e -> {
            ended(s, forget);
            document.tell("Stopping " + s.name + " failed: " + e.getMessage(), true);
        }).executeWith(tasks);
    }

    private void ended(Session s, boolean forget) {
        s.down.complete(null);
        if (session != s) {
            return;
        }
        s.flush(); // Its last lines ("stopping", a service's goodbye) still go to the Logs panel.
        session = null;
        statuses.set(Map.of());
        phase.set(Phase.IDLE);
        if (forget) {
            showBadges(Map.of());
            setSummary("", Tone.MUTED);
        }
    }

    /** Every node stopped or failed without a Stop: the launcher gave up. Tells why, keeps the badges. */
    private void checkEnded(Session s) {
        if (s.run == null || s.stopRequested || phase.get() != Phase.RUNNING || s.statuses.isEmpty()
                || !s.statuses.values().stream().allMatch(st -> st.state() == NodeState.STOPPED
                        || st.state() == NodeState.FAILED)) {
            return;
        }
        s.stopRequested = true;
        Optional<NodeStatus> failed = s.statuses.values().stream().filter(st -> st.state() == NodeState.FAILED)
                .findFirst();
        String reason = !s.stopReason.isEmpty() ? s.stopReason
                : failed.map(f -> f.message().isEmpty() ? f.node() + " failed" : f.message()).orElse("every node stopped");
        String told = s.name + (s.wasHealthy ? " stopped: " : " could not start: ") + firstLine(reason);
        phase.set(Phase.STOPPING);
        stopRun(s, false, () -> {
            setSummary(told, Tone.DANGER);
            document.tell(told, true);
            failed.ifPresent(f -> showLogs(f.node()));
        });
    }

    private void apply(Session s, Map<String, NodeStatus> statuses, List<LogLine> lines) {
        s.statuses.putAll(statuses);
        if (!statuses.isEmpty()) {
            logs.addNodes(statuses.keySet());
        }
        for (LogLine line : lines) {
            if (line.node().isEmpty() && line.fromLauncher() && line.text().startsWith("run stopped: ")) {
                s.stopReason = line.text().substring("run stopped: ".length());
            }
        }
        if (!lines.isEmpty()) {
            logs.append(lines);
        }
        if (statuses.isEmpty()) {
            return;
        }
        Map<String, RunBadge> now = new LinkedHashMap<>();
        s.statuses.forEach((node, st) -> now.put(node, badgeOf(st)));
        showBadges(now);
        this.statuses.set(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(s.statuses)));
        if (s.statuses.values().stream().allMatch(st -> st.state() == NodeState.HEALTHY)) {
            s.wasHealthy = true;
        }
        if (phase.get() == Phase.PREPARING || phase.get() == Phase.RUNNING) {
            refreshSummary(s);
        }
        checkEnded(s);
    }

    private void showBadges(Map<String, RunBadge> now) {
        badges.set(now.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(now));
        logs.showBadges(badges.get());
    }

    /** The colour of a state on the canvas, for a local run and a deployment alike. */
    public static Tone toneOf(NodeState state) {
        return switch (state) {
            case WAITING, STOPPED -> Tone.MUTED;
            case BUILDING, STARTING -> Tone.PROGRESS;
            case HEALTHY -> Tone.OK;
            case UNHEALTHY -> Tone.WARN;
            case CRASHED, FAILED -> Tone.DANGER;
        };
    }

    /** What the canvas shows of a node's status. */
    static RunBadge badgeOf(NodeStatus s) {
        Tone tone = toneOf(s.state());
        boolean troubled = s.state().isTrouble();
        // A live node says something only when it is wrong: a health problem, or a build that failed
        // while the previous one runs on.
        boolean problem = (troubled || s.state().isLive()) && !s.message().isEmpty();
        String note = problem ? s.message()
                : s.state() == NodeState.BUILDING ? s.message() // what takes the time: "143 of 498 packages · 40 s · first build: …"
                : s.state().isLive() && !s.provider().isEmpty() && !s.provider().equals("process") ? s.provider() : "";
        List<String> details = new ArrayList<>();
        details.add(s.state().label() + (s.provider().isEmpty() ? "" : " · " + s.provider()));
        String where = String.join(" · ", java.util.stream.Stream.of(s.where(), s.url().orElse(""))
                .filter(w -> !w.isEmpty()).toList());
        if (!where.isEmpty() && s.state() != NodeState.STOPPED) {
            details.add(where);
        }
        if (s.restarts() > 0) {
            details.add("restarted " + s.restarts() + (s.restarts() == 1 ? " time" : " times"));
        }
        if (!s.message().isEmpty()) {
            details.add(s.message());
        }
        return new RunBadge(s.state().label(), tone, note, problem, String.join("\n", details));
    }

    private void refreshSummary(Session s) {
        List<NodeStatus> all = List.copyOf(s.statuses.values());
        int total = all.size();
        long healthy = all.stream().filter(st -> st.state() == NodeState.HEALTHY).count();
        long building = all.stream().filter(st -> st.state() == NodeState.BUILDING).count();
        List<NodeStatus> broken = all.stream().filter(st -> st.state() == NodeState.CRASHED
                || st.state() == NodeState.FAILED).toList();
        List<NodeStatus> unhealthy = all.stream().filter(st -> st.state() == NodeState.UNHEALTHY).toList();
        String count = healthy + " of " + total + " healthy";
        if (!broken.isEmpty()) {
            NodeStatus first = broken.get(0);
            String what = first.node() + " " + first.state().label()
                    + (first.restarts() > 0 ? " (restart " + first.restarts() + ")" : "")
                    + (broken.size() > 1 ? " and " + (broken.size() - 1) + " more" : "");
            setSummary(s.name + ": " + count + " · " + what, Tone.DANGER);
        } else if (building > 0) {
            String progress = all.stream().filter(st -> st.state() == NodeState.BUILDING)
                    .map(NodeStatus::message).filter(m -> !m.isEmpty()).findFirst().map(m -> " · " + m).orElse("");
            setSummary(s.name + ": " + count + " · building " + building + "…" + progress, Tone.PROGRESS);
        } else if (total == 0 || phase.get() == Phase.PREPARING && healthy == 0) {
            setSummary(s.name + ": preparing…", Tone.PROGRESS);
        } else if (healthy + unhealthy.size() < total) {
            setSummary(s.name + ": " + count + " · starting…", Tone.PROGRESS);
        } else if (!unhealthy.isEmpty()) {
            setSummary(s.name + ": " + count + " · " + unhealthy.get(0).node() + " unhealthy"
                    + (unhealthy.size() > 1 ? " and " + (unhealthy.size() - 1) + " more" : ""), Tone.WARN);
        } else {
            setSummary(s.name + ": " + count, Tone.OK);
        }
    }

    private void setSummary(String text, Tone tone) {
        summary.set(text);
        summaryTone.set(tone);
    }

    private void prepare() {
        if (phase.get() == Phase.IDLE) {
            service.prepare(document.topology());
        }
    }

    private void refreshHint() {
        Session s = session;
        editedWhileRunning.set(s != null && (phase.get() == Phase.PREPARING || phase.get() == Phase.RUNNING)
                && !document.topology().equals(s.topology));
    }

    /** The first line of a message, for one line of the status bar. */
    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.endsWith(":") ? line.substring(0, line.length() - 1) : line;
    }

    /**
     * One Run, from Run ▶ until it has stopped. It hears the launcher on the launcher's threads and
     * keeps only what the UI has not taken yet: each node's newest status and its newest lines (no
     * more than the Logs panel keeps), so a UI thread that falls behind costs bounded memory.
     */
    private final class Session implements RunListener {
        final String name;
        /** The design as running: what Run ▶ started, or the change applied since. */
        Topology topology;
        final CompletableFuture<Void> down = new CompletableFuture<>();
        private final Throttle throttle = new Throttle(coalesceMillis, ui, this::flush);
        private final Object lock = new Object();
        private Map<String, NodeStatus> pendingStatuses = new LinkedHashMap<>();
        private Map<String, ArrayDeque<LogLine>> pendingLines = new LinkedHashMap<>();
        // UI thread only.
        final Map<String, NodeStatus> statuses = new LinkedHashMap<>();
        Run run;
        boolean stopRequested;
        boolean wasHealthy;
        String stopReason = "";

        Session(String name, Topology topology) {
            this.name = name;
            this.topology = topology;
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
            synchronized (lock) {
                ArrayDeque<LogLine> lines = pendingLines.computeIfAbsent(line.node(), n -> new ArrayDeque<>());
                lines.addLast(line);
                if (lines.size() > LogsViewModel.LINES_PER_SOURCE) {
                    lines.removeFirst();
                }
            }
            throttle.request();
        }

        /** On the UI thread: takes what has gathered since the last time. */
        private void flush() {
            Map<String, NodeStatus> statusBatch;
            Map<String, ArrayDeque<LogLine>> lineBatch;
            synchronized (lock) {
                statusBatch = pendingStatuses;
                lineBatch = pendingLines;
                pendingStatuses = new LinkedHashMap<>();
                pendingLines = new LinkedHashMap<>();
            }
            if (session != this) {
                return; // Stopped and put away: its last words change nothing.
            }
            List<LogLine> lines = new ArrayList<>();
            lineBatch.values().forEach(lines::addAll);
            apply(this, statusBatch, lines);
        }
    }
}
