package dev.topograph.app.designer;

import dev.topograph.app.designer.canvas.CanvasViewModel;
import dev.topograph.app.designer.canvas.RunBadge;
import dev.topograph.app.designer.deploy.DeployViewModel;
import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.designer.export.ExportViewModel;
import dev.topograph.app.designer.export.GenerateViewModel;
import dev.topograph.app.designer.files.CodeFolderViewModel;
import dev.topograph.app.designer.files.FolderOpener;
import dev.topograph.app.designer.files.RecentFilesViewModel;
import dev.topograph.app.designer.files.RecoveryViewModel;
import dev.topograph.app.designer.files.SystemFolderOpener;
import dev.topograph.app.designer.inspector.InspectorViewModel;
import dev.topograph.app.designer.live.LiveMetricsViewModel;
import dev.topograph.app.designer.live.LiveTools;
import dev.topograph.app.designer.problems.ProblemsViewModel;
import dev.topograph.app.designer.run.RunViewModel;
import dev.topograph.app.designer.traces.TracesViewModel;
import dev.topograph.app.files.LastCodeFolder;
import dev.topograph.app.files.RecentFiles;
import dev.topograph.app.files.RecoveryStore;
import dev.topograph.app.files.UserDirectories;
import dev.topograph.app.launch.RunHome;
import dev.topograph.app.launch.RunService;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.app.launch.kubernetes.ClusterDeployService;
import dev.topograph.app.launch.kubernetes.DeployService;
import dev.topograph.app.traces.SpanStore;
import dev.topograph.app.launch.local.LocalRunService;
import dev.topograph.app.ui.BackgroundTaskExecutor;
import dev.topograph.app.ui.FxUiExecutor;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.app.ui.UiExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The designer window's state: the open document and the ViewModels of the canvas and the
 * Problems panel, wired together (problems mark the canvas; "reveal" selects on it), with the
 * file side around them: recent files, autosave and recovery, exports, generation into the code
 * folder and the code folder itself, and running the design (its states drawn on the canvas; the
 * Logs panel follows the canvas selection), with its live figures on the drawing, the Metrics
 * panel, traffic and profiles.
 */
public final class MainViewModel {
    /** How long validation waits for typing to pause. */
    public static final long VALIDATION_DEBOUNCE_MILLIS = 150;

    private final DocumentViewModel document;
    private final ProblemsViewModel problems;
    private final CanvasViewModel canvas;
    private final InspectorViewModel inspector;
    private final RecentFilesViewModel recentFiles;
    private final RecoveryViewModel recovery;
    private final ExportViewModel export;
    private final GenerateViewModel generate;
    private final CodeFolderViewModel codeFolder;
    private final DeployViewModel deploy;
    private final RunViewModel run;
    private final LiveMetricsViewModel live;
    private final TracesViewModel traces;
    private final BooleanProperty dark = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<Set<String>> reveal = new ReadOnlyObjectWrapper<>(Set.of());

    /** The designer of this user: recent files and recovery copies in the user's folders (once started). */
    public MainViewModel(TaskExecutor tasks, long validationDebounceMillis) {
        this(tasks, validationDebounceMillis, UserDirectories.fromSystem(), RecoveryViewModel.AUTOSAVE_DELAY_MILLIS);
    }

    /** A designer whose recent files, recovery copies and runs live in {@code user}'s folders. */
    public MainViewModel(TaskExecutor tasks, long validationDebounceMillis, UserDirectories user, long autosaveMillis) {
        this(tasks, validationDebounceMillis, user, autosaveMillis,
                new LocalRunService(RunSettings.defaults(RunHome.of(user))), new FxUiExecutor(),
                RunViewModel.COALESCE_MILLIS);
    }

    /**
     * A designer that runs designs through {@code runs}; news of a run reaches {@code ui} at most
     * once every {@code coalesceMillis}.
     */
    public MainViewModel(TaskExecutor tasks, long validationDebounceMillis, UserDirectories user, long autosaveMillis,
            RunService runs, UiExecutor ui, long coalesceMillis) {
        this(tasks, validationDebounceMillis, user, autosaveMillis, runs, ui, coalesceMillis,
                ClusterDeployService.forUser(RunHome.of(user)));
    }

    /** A designer that also deploys designs through {@code deploys} (Deploy ▲). */
    public MainViewModel(TaskExecutor tasks, long validationDebounceMillis, UserDirectories user, long autosaveMillis,
            RunService runs, UiExecutor ui, long coalesceMillis, DeployService deploys) {
        this(tasks, validationDebounceMillis, user, autosaveMillis, runs, ui, coalesceMillis, LiveTools.real(),
                new BackgroundTaskExecutor(ui), deploys);
    }

    /**
     * A designer that also watches its runs through {@code live} (metrics, traffic, profiles);
     * traffic and profiles, which take seconds to minutes, run on {@code longTasks}.
     */
    public MainViewModel(TaskExecutor tasks, long validationDebounceMillis, UserDirectories user, long autosaveMillis,
            RunService runs, UiExecutor ui, long coalesceMillis, LiveTools liveTools, TaskExecutor longTasks) {
        this(tasks, validationDebounceMillis, user, autosaveMillis, runs, ui, coalesceMillis, liveTools, longTasks,
                ClusterDeployService.forUser(RunHome.of(user)));
    }

    /** The designer with every service it uses given. */
    public MainViewModel(TaskExecutor tasks, long validationDebounceMillis, UserDirectories user, long autosaveMillis,
            RunService runs, UiExecutor ui, long coalesceMillis, LiveTools liveTools, TaskExecutor longTasks,
            DeployService deploys) {
        this.document = new DocumentViewModel(tasks);
        this.problems = new ProblemsViewModel(document, tasks, validationDebounceMillis);
        this.canvas = new CanvasViewModel(document, tasks);
        this.inspector = new InspectorViewModel(document, canvas);
        this.recentFiles = new RecentFilesViewModel(document, tasks, new RecentFiles(user.recentFiles()));
        this.recovery = new RecoveryViewModel(document, tasks, new RecoveryStore(user.recovery()), autosaveMillis);
        this.export = new ExportViewModel(document, canvas, tasks);
        FolderOpener opener = new SystemFolderOpener();
        this.generate = new GenerateViewModel(document, tasks, new LastCodeFolder(user.lastCodeFolder()), opener,
                Path.of(System.getProperty("user.home")));
        this.codeFolder = new CodeFolderViewModel(document, tasks, opener);
        problems.diagnosticsProperty().addListener((o, old, now) -> canvas.showDiagnostics(now));
        canvas.showDiagnostics(problems.diagnosticsProperty().get());
        problems.onReveal(this::revealElements);
        this.run = new RunViewModel(document, problems, tasks, ui, runs, coalesceMillis);
        run.badgesProperty().addListener((o, old, now) -> canvas.showRunBadges(now));
        this.live = new LiveMetricsViewModel(document, canvas, run, tasks, longTasks, ui, liveTools,
                LiveMetricsViewModel.COALESCE_MILLIS);
        this.traces = new TracesViewModel(document, canvas, run.logs(), runs.traces().orElseGet(() -> new SpanStore(1)),
                tasks, ui, TracesViewModel.COALESCE_MILLIS);
        canvas.selectionProperty().addListener((o, old, now) -> {
            if (now.size() == 1) {
                run.logs().select(now.iterator().next());
            }
        });
        this.deploy = new DeployViewModel(document, tasks, ui, deploys, coalesceMillis, DeployViewModel.WATCH_INTERVAL);
        // heard after the run's own listener above: a deployment shown wins the canvas
        run.badgesProperty().addListener((o, old, now) -> showBadges());
        deploy.badgesProperty().addListener((o, old, now) -> showBadges());
        // A deployment's services, reached through its port-forwards, feed the live figures too.
        deploy.metricsUrlsProperty().addListener((o, old, now) -> live.followCluster(document.topology(), now));
    }

    /** A deployment shown draws its rollout over the nodes; else the local run, if any, draws its states. */
    private void showBadges() {
        Map<String, RunBadge> deployed = deploy.badgesProperty().get();
        canvas.showRunBadges(deployed.isEmpty() ? run.badgesProperty().get() : deployed);
    }

    private void revealElements(List<String> ids) {
        canvas.select(ids);
        reveal.set(Set.copyOf(ids));
    }

    public DocumentViewModel document() {
        return document;
    }

    public ProblemsViewModel problems() {
        return problems;
    }

    public CanvasViewModel canvas() {
        return canvas;
    }

    /** The inspector: edits the selected element, or the design when nothing is selected. */
    public InspectorViewModel inspector() {
        return inspector;
    }

    /** File ▸ Open Recent. */
    public RecentFilesViewModel recentFiles() {
        return recentFiles;
    }

    /** Autosave to a recovery copy, and the offer to recover after a crash. */
    public RecoveryViewModel recovery() {
        return recovery;
    }

    /** PNG and SVG of the drawing; the generated Go system as a ZIP. */
    public ExportViewModel export() {
        return export;
    }

    /** Generate: the Go system into the design's code folder. */
    public GenerateViewModel generate() {
        return generate;
    }

    /** The design's code folder as the window shows it, and opening it. */
    public CodeFolderViewModel codeFolder() {
        return codeFolder;
    }

    /** Deploy ▲: the cluster deployment, its rollout on the canvas, drift, undeploy, metrics port-forwards. */
    public DeployViewModel deploy() {
        return deploy;
    }

    /** Run ▶ / Stop ■, the nodes' run states, the Logs panel. */
    public RunViewModel run() {
        return run;
    }

    /** The run's live figures: on the drawing, in the inspector and the Metrics panel; traffic; profiles. */
    public LiveMetricsViewModel live() {
        return live;
    }

    /** The Traces panel: the run's requests as traces, the selected one lit on the canvas. */
    public TracesViewModel traces() {
        return traces;
    }

    /** The dark theme is on. */
    public BooleanProperty darkProperty() {
        return dark;
    }

    /** The ids the user asked to see; the view pans the canvas to them. */
    public ReadOnlyObjectProperty<Set<String>> revealProperty() {
        return reveal.getReadOnlyProperty();
    }
}
