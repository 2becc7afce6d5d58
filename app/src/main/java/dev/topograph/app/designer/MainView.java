package dev.topograph.app.designer;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.topograph.app.designer.canvas.CanvasPalette;
import dev.topograph.app.designer.canvas.DiagramCanvas;
import dev.topograph.app.designer.deploy.DeployView;
import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.designer.export.ExportActions;
import dev.topograph.app.designer.files.CodeFolderView;
import dev.topograph.app.designer.files.RecentFilesMenu;
import dev.topograph.app.designer.files.RecoveryOfferDialog;
import dev.topograph.app.designer.inspector.InspectorView;
import dev.topograph.app.designer.live.LiveInspectorSection;
import dev.topograph.app.designer.live.LiveMetricsViewModel;
import dev.topograph.app.designer.live.MetricsView;
import dev.topograph.app.designer.live.TrafficDialog;
import dev.topograph.app.live.Profiles;
import dev.topograph.app.designer.palette.PaletteView;
import dev.topograph.app.designer.problems.ProblemsView;
import dev.topograph.app.designer.run.LeftoversOfferDialog;
import dev.topograph.app.designer.run.LogsView;
import dev.topograph.app.designer.run.RunView;
import dev.topograph.app.designer.run.RunViewModel;
import dev.topograph.app.designer.traces.TraceOverlay;
import dev.topograph.app.designer.traces.TracesView;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.application.Application;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The designer window: menus and toolbar (with Run ▶) on top, the palette on the left, the canvas
 * in the middle with the Problems and Logs panels below it, the inspector on the right, a status
 * line with the run's summary at the bottom. It binds to {@link MainViewModel} and holds no
 * design state itself.
 */
public final class MainView {
    private final MainViewModel viewModel;
    private final BorderPane root = new BorderPane();
    private final DiagramCanvas canvas;
    private final Label status = new Label();
    private final BorderPane inspectorSlot = new BorderPane();
    private final ExportActions exports;
    private final RunView run;
    private final DeployView deploy;
    private final TabPane panels = new TabPane();
    private final Tab problemsTab;
    private final Tab logsTab;
    private final Tab metricsTab;
    private final Tab tracesTab;
    private TrafficDialog trafficDialog;

    public MainView(MainViewModel viewModel) {
        this.viewModel = viewModel;
        root.getStyleClass().add("designer");
        root.getStylesheets().add(MainView.class.getResource("app.css").toExternalForm());
        canvas = new DiagramCanvas(viewModel.canvas());
        canvas.setId("canvas");
        canvas.onStatus(text -> viewModel.document().tell(text, true));
        exports = new ExportActions(viewModel.export(), viewModel.generate(), this::window,
                viewModel.canvas().diagramProperty()::get,
                () -> viewModel.darkProperty().get() ? CanvasPalette.DARK : CanvasPalette.LIGHT);

        RunViewModel runs = viewModel.run();
        run = new RunView(runs, this::window, this::showProblems);
        deploy = new DeployView(viewModel.deploy(), this::window);
        viewModel.deploy().openProperty().addListener((o, old, now) -> showDeployment(now));
        problemsTab = new Tab("Problems", new ProblemsView(viewModel.problems()));
        logsTab = new Tab("Logs", new LogsView(runs.logs()));
        problemsTab.setId("tab-problems");
        logsTab.setId("tab-logs");
        LiveMetricsViewModel live = viewModel.live();
        metricsTab = new Tab("Metrics", new MetricsView(live));
        metricsTab.setId("tab-metrics");
        live.panel().activeProperty().bind(metricsTab.selectedProperty());
        tracesTab = new Tab("Traces", new TracesView(viewModel.traces()));
        tracesTab.setId("tab-traces");
        viewModel.traces().activeProperty().bind(tracesTab.selectedProperty());
        panels.getTabs().setAll(problemsTab, logsTab, metricsTab, tracesTab);
        panels.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        panels.setId("panels");
        runs.onShowLogs(() -> panels.getSelectionModel().select(logsTab));
        canvas.setNodeMenu(this::nodeMenu);
        // The selected trace's way, lit above the drawing (a layer of its own: the canvas's drawing stays its own).
        TraceOverlay traceOverlay = new TraceOverlay(canvas, viewModel.canvas().diagramProperty()::get,
                viewModel.traces().highlightProperty());
        javafx.scene.layout.StackPane canvasLayers = new javafx.scene.layout.StackPane(canvas, traceOverlay);
        SplitPane centre = new SplitPane(canvasLayers, panels);
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.72);

        PaletteView palette = new PaletteView(kind -> canvas.addAt(kind, canvas.getWidth() / 2, canvas.getHeight() / 2));
        inspectorSlot.getStyleClass().add("inspector");
        inspectorSlot.setPrefWidth(320);
        InspectorView inspector = new InspectorView(viewModel.inspector());
        inspector.addSection(new LiveInspectorSection(live.inspector()));
        inspectorSlot.setCenter(inspector);

        SplitPane body = new SplitPane(palette, centre, inspectorSlot);
        body.setDividerPositions(0.13, 0.77);
        SplitPane.setResizableWithParent(palette, false);
        SplitPane.setResizableWithParent(inspectorSlot, false);

        root.setTop(new VBox(menus(), toolbar()));
        root.setCenter(body);
        status.setId("status");
        status.getStyleClass().add("status-line");
        Region statusGap = new Region();
        HBox.setHgrow(statusGap, Priority.ALWAYS);
        HBox statusBar = new HBox(12, status, statusGap, new CodeFolderView(viewModel.codeFolder()).node());
        statusBar.getChildren().addAll(run.statusItems());
        statusBar.getStyleClass().add("status-bar");
        root.setBottom(statusBar);

        viewModel.document().noticeProperty().addListener((o, old, now) -> {
            status.setText(now == null ? "" : now.text());
            status.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("problem"), now != null && now.problem());
        });
        viewModel.revealProperty().addListener((o, old, now) -> canvas.reveal(now));
        viewModel.darkProperty().addListener((o, old, now) -> applyTheme(now));
        viewModel.document().fileProperty().addListener((o, old, now) -> canvas.fitToView());
        viewModel.canvas().layoutsAppliedProperty().addListener((o, old, now) -> canvas.fitToView());
        applyTheme(viewModel.darkProperty().get());
    }

    /** The Deployment panel shows from Deploy until the user closes it. */
    private void showDeployment(boolean open) {
        if (!open) {
            panels.getTabs().remove(deploy.tab());
            return;
        }
        if (!panels.getTabs().contains(deploy.tab())) {
            panels.getTabs().add(deploy.tab());
        }
        panels.getSelectionModel().select(deploy.tab());
    }

    public Parent root() {
        return root;
    }

    public DiagramCanvas canvas() {
        return canvas;
    }

    /** The Problems panel comes forward (a Run refused for errors in the design points there). */
    public void showProblems() {
        panels.getSelectionModel().select(problemsTab);
    }

    /** The Metrics panel comes forward. */
    public void showMetrics() {
        panels.getSelectionModel().select(metricsTab);
    }

    /** The Traces panel comes forward. */
    public void showTraces() {
        panels.getSelectionModel().select(tracesTab);
    }

    /** Opens "Send traffic" (or brings it forward). */
    public void sendTraffic() {
        if (trafficDialog == null) {
            trafficDialog = new TrafficDialog(viewModel.live().traffic(), window());
        }
        trafficDialog.show();
    }

    /**
     * What a right click on a node offers: Restart and profiles while the design runs, its logs
     * while there are any.
     */
    private List<MenuItem> nodeMenu(String node) {
        RunViewModel runs = viewModel.run();
        List<MenuItem> items = new ArrayList<>();
        if (runs.runs(node)) {
            MenuItem restart = new MenuItem("Restart " + node, new FontIcon("mdi2r-restart"));
            restart.setId("menu-restart");
            restart.setOnAction(e -> runs.restart(node));
            items.add(restart);
        }
        if (runs.logs().has(node)) {
            MenuItem logs = new MenuItem("Show logs", new FontIcon("mdi2t-text-box-outline"));
            logs.setId("menu-show-logs");
            logs.setOnAction(e -> runs.showLogs(node));
            items.add(logs);
        }
        LiveMetricsViewModel live = viewModel.live();
        if (live.canProfile(node)) {
            items.add(new javafx.scene.control.SeparatorMenuItem());
            items.add(profileItem(node, Profiles.Kind.CPU, "Capture CPU profile ("
                    + LiveMetricsViewModel.CPU_PROFILE_SECONDS + " s)…", "menu-profile-cpu"));
            items.add(profileItem(node, Profiles.Kind.HEAP, "Capture heap profile…", "menu-profile-heap"));
            items.add(profileItem(node, Profiles.Kind.GOROUTINE, "Capture goroutine profile…", "menu-profile-goroutine"));
        }
        return items;
    }

    private MenuItem profileItem(String node, Profiles.Kind kind, String text, String id) {
        MenuItem item = new MenuItem(text, new FontIcon("mdi2f-file-chart-outline"));
        item.setId(id);
        item.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Save the " + kind.name().toLowerCase(java.util.Locale.ROOT) + " profile of " + node);
            chooser.setInitialFileName(LiveMetricsViewModel.profileFileName(node, kind));
            viewModel.document().fileProperty().get().map(Path::getParent).map(Path::toFile)
                    .filter(File::isDirectory).ifPresent(chooser::setInitialDirectory);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("pprof profiles", "*.pprof"));
            File chosen = chooser.showSaveDialog(window());
            if (chosen != null) {
                viewModel.live().captureProfile(node, kind, chosen.toPath());
            }
        });
        return item;
    }

    /** Where the inspector goes (its own view and ViewModel). */
    public BorderPane inspectorSlot() {
        return inspectorSlot;
    }

    private void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        root.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("dark"), dark);
        canvas.setPalette(dark ? CanvasPalette.DARK : CanvasPalette.LIGHT);
    }

    private MenuBar menus() {
        DocumentViewModel doc = viewModel.document();
        MenuItem newItem = item("New", "shortcut+N", this::newDocument);
        MenuItem open = item("Open…", "shortcut+O", this::openChooser);
        MenuItem save = item("Save", "shortcut+S", () -> save(false));
        save.setId("menu-save");
        MenuItem saveAs = item("Save As…", "shortcut+shift+S", () -> save(true));
        Menu recent = RecentFilesMenu.create(viewModel.recentFiles(), this::openRecent);
        Menu file = new Menu("File", null, newItem, open, recent, new javafx.scene.control.SeparatorMenuItem(), save,
                saveAs, new javafx.scene.control.SeparatorMenuItem());
        file.getItems().addAll(exports.menuItems());
        // Quit goes the way of the window's close button: unsaved changes asked about, a run stopped first.
        MenuItem quit = item("Quit", "shortcut+Q", () -> {
            Window w = window();
            if (w != null) {
                w.fireEvent(new javafx.stage.WindowEvent(w, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
            }
        });
        file.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), quit);

        MenuItem undo = item("Undo", "shortcut+Z", doc::undo);
        undo.textProperty().bind(doc.undoTextProperty());
        undo.disableProperty().bind(doc.canUndoProperty().not());
        MenuItem redo = item("Redo", "shortcut+shift+Z", doc::redo);
        redo.textProperty().bind(doc.redoTextProperty());
        redo.disableProperty().bind(doc.canRedoProperty().not());
        MenuItem redoY = item("Redo", "shortcut+Y", doc::redo);
        redoY.setVisible(false);
        MenuItem copy = item("Copy", "shortcut+C", viewModel.canvas()::copySelection);
        MenuItem paste = item("Paste", "shortcut+V", viewModel.canvas()::paste);
        MenuItem delete = item("Delete", "Delete", viewModel.canvas()::deleteSelection);
        MenuItem all = item("Select All", "shortcut+A", viewModel.canvas()::selectAll);
        MenuItem group = item("Group into Context…", "shortcut+G", this::groupSelection);
        Menu edit = new Menu("Edit", null, undo, redo, redoY, new javafx.scene.control.SeparatorMenuItem(), copy, paste,
                delete, all, new javafx.scene.control.SeparatorMenuItem(), group);

        CheckMenuItem snap = new CheckMenuItem("Snap to Grid");
        snap.selectedProperty().bindBidirectional(viewModel.canvas().snapToGridProperty());
        CheckMenuItem dark = new CheckMenuItem("Dark Theme");
        dark.selectedProperty().bindBidirectional(viewModel.darkProperty());
        Menu view = new Menu("View", null,
                item("Zoom In", "shortcut+EQUALS", () -> canvas.zoomBy(1.2)),
                item("Zoom Out", "shortcut+MINUS", () -> canvas.zoomBy(1 / 1.2)),
                item("Fit to View", "shortcut+0", canvas::fitToView),
                item("Auto-Layout", "shortcut+L", viewModel.canvas()::autoLayout), snap, dark);
        RunViewModel runs = viewModel.run();
        MenuItem runItem = item("Run", "F5", runs::start);
        runItem.disableProperty().bind(runs.phaseProperty().isNotEqualTo(RunViewModel.Phase.IDLE)
                .or(runs.cleaningProperty()));
        MenuItem stopItem = item("Stop", "shift+F5", runs::stop);
        stopItem.disableProperty().bind(runs.phaseProperty().isNotEqualTo(RunViewModel.Phase.RUNNING));
        MenuItem logsItem = item("Show Logs", "shortcut+shift+L", () -> panels.getSelectionModel().select(logsTab));
        MenuItem metricsItem = item("Show Metrics", "shortcut+shift+M", this::showMetrics);
        MenuItem tracesItem = item("Show Traces", "shortcut+shift+R", this::showTraces);
        MenuItem trafficItem = item("Send Traffic…", "shortcut+shift+T", this::sendTraffic);
        trafficItem.setId("menu-send-traffic");
        trafficItem.disableProperty().bind(runs.phaseProperty().isNotEqualTo(RunViewModel.Phase.RUNNING));
        Menu run = new Menu("Run", null, runItem, stopItem, new javafx.scene.control.SeparatorMenuItem(), trafficItem,
                new javafx.scene.control.SeparatorMenuItem(), logsItem, metricsItem, tracesItem);
        MenuBar bar = new MenuBar(file, edit, view, run);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private ToolBar toolbar() {
        DocumentViewModel doc = viewModel.document();
        Button undo = iconButton("mdi2u-undo", "Undo (Ctrl+Z)", doc::undo);
        undo.disableProperty().bind(doc.canUndoProperty().not());
        undo.setId("undo");
        Button redo = iconButton("mdi2r-redo", "Redo (Ctrl+Shift+Z)", doc::redo);
        redo.disableProperty().bind(doc.canRedoProperty().not());
        redo.setId("redo");
        ToggleButton theme = new ToggleButton(null, new FontIcon("mdi2t-theme-light-dark"));
        theme.selectedProperty().bindBidirectional(viewModel.darkProperty());
        theme.setTooltip(new Tooltip("Dark theme"));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label title = new Label();
        title.getStyleClass().add("document-title");
        title.textProperty().bind(doc.titleProperty());
        ToolBar bar = new ToolBar(
                iconButton("mdi2f-file-outline", "New (Ctrl+N)", this::newDocument),
                iconButton("mdi2f-folder-open-outline", "Open (Ctrl+O)", this::openChooser),
                iconButton("mdi2c-content-save-outline", "Save (Ctrl+S)", () -> save(false)),
                new Separator(Orientation.VERTICAL), undo, redo,
                new Separator(Orientation.VERTICAL),
                iconButton("mdi2s-sitemap", "Auto-layout (Ctrl+L)", viewModel.canvas()::autoLayout),
                iconButton("mdi2f-fit-to-page-outline", "Fit to view (Ctrl+0)", canvas::fitToView),
                iconButton("mdi2g-group", "Group selection into a bounded context (Ctrl+G)", this::groupSelection),
                new Separator(Orientation.VERTICAL), exports.generateButton(),
                new Separator(Orientation.VERTICAL));
        bar.getItems().addAll(run.toolbarItems());
        Button traffic = new Button("Send traffic", new FontIcon("mdi2s-send"));
        traffic.setId("send-traffic");
        traffic.setTooltip(new Tooltip("Send requests through the gateway at a steady rate (Ctrl+Shift+T)"));
        traffic.disableProperty().bind(viewModel.run().phaseProperty().isNotEqualTo(RunViewModel.Phase.RUNNING));
        traffic.setOnAction(e -> sendTraffic());
        bar.getItems().add(traffic);
        bar.getItems().addAll(grow, title, new Pane(), theme);
        bar.getItems().addAll(bar.getItems().indexOf(grow), deploy.toolbarItems());
        return bar;
    }

    private static Button iconButton(String icon, String tip, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        b.getStyleClass().add("flat");
        return b;
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    /**
     * Runs {@code proceed} once unsaved changes are dealt with: at once when there are none, after
     * the save succeeds when the user saves, at once when they choose not to; never when they cancel.
     */
    public void confirmDiscard(Runnable proceed) {
        if (!viewModel.document().dirtyProperty().get()) {
            proceed.run();
            return;
        }
        ButtonType saveButton = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "Save the changes to this design first?", saveButton,
                discard, ButtonType.CANCEL);
        alert.setHeaderText("The design has unsaved changes");
        alert.getDialogPane().setId("confirm-discard");
        alert.initOwner(window());
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) {
            return;
        }
        if (answer.get() == saveButton) {
            save(false, proceed);
        } else {
            proceed.run();
        }
    }

    /**
     * Begins the session once the window shows: offers to recover what a crash left unsaved, then
     * opens {@code initialFile} (unless the user recovered), and from then on autosaves; then
     * offers to clean up what an interrupted run left on this machine.
     */
    public void start(Optional<Path> initialFile) {
        viewModel.recentFiles().start();
        Runnable offerCleanup = () -> viewModel.run().offerCleanup(offer -> LeftoversOfferDialog.ask(offer, window()));
        viewModel.recovery().start(offer -> RecoveryOfferDialog.ask(offer, window()),
                () -> {
                    initialFile.ifPresent(this::open);
                    offerCleanup.run();
                }, () -> {
                    canvas.fitToView();
                    offerCleanup.run();
                });
        TestEditHook.install(viewModel);
    }

    /**
     * Ends the session when the user closes the window: asks about unsaved changes, stops the run
     * (waiting for it, within bounds), then runs {@code closeWindow}.
     */
    public void close(Runnable closeWindow) {
        confirmDiscard(() -> viewModel.run().close(() -> viewModel.recovery().close(closeWindow)));
    }

    private void newDocument() {
        confirmDiscard(viewModel.document()::newDocument);
    }

    private void openChooser() {
        confirmDiscard(() -> {
            FileChooser chooser = chooser("Open a design");
            File chosen = chooser.showOpenDialog(window());
            if (chosen != null) {
                open(chosen.toPath());
            }
        });
    }

    private void openRecent(Path file) {
        confirmDiscard(() -> viewModel.document().open(file, message -> {
            viewModel.recentFiles().forget(file);
            showOpenError(message);
        }));
    }

    /** Opens a file; a broken one gets a clear error dialog and the current design stays. */
    public void open(Path path) {
        viewModel.document().open(path, this::showOpenError);
    }

    private void showOpenError(String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.setTitle("Cannot open the design");
        alert.setHeaderText("This file cannot be opened; your current design is unchanged.");
        alert.setContentText(message);
        alert.getDialogPane().setId("open-error");
        alert.initOwner(window());
        alert.show();
    }

    private void save(boolean askWhere) {
        save(askWhere, () -> { });
    }

    private void save(boolean askWhere, Runnable onSaved) {
        DocumentViewModel doc = viewModel.document();
        Optional<Path> target = askWhere ? Optional.empty() : doc.fileProperty().get();
        if (target.isEmpty()) {
            FileChooser chooser = chooser("Save the design");
            chooser.setInitialFileName(doc.suggestedFileName());
            File chosen = chooser.showSaveDialog(window());
            if (chosen == null) {
                return;
            }
            target = Optional.of(chosen.toPath());
        }
        doc.save(target.get(), onSaved, message -> {
            Alert alert = new Alert(Alert.AlertType.ERROR, message);
            alert.setHeaderText("The design was not saved");
            alert.initOwner(window());
            alert.show();
        });
    }

    private void groupSelection() {
        TextInputDialog dialog = new TextInputDialog("New Context");
        dialog.setTitle("Group into a bounded context");
        dialog.setHeaderText("Name the bounded context the selected nodes belong to");
        dialog.initOwner(window());
        dialog.showAndWait().ifPresent(viewModel.canvas()::groupSelection);
    }

    private static FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Topology designs", "*.topology.json"));
        return chooser;
    }
}
