package dev.topograph.app.designer.deploy;

import atlantafx.base.theme.Styles;
import dev.topograph.app.designer.canvas.RunBadge.Tone;
import dev.topograph.app.designer.deploy.DeployViewModel.Confirmation;
import dev.topograph.app.designer.run.RunTones;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Deploy pieces of the window: Deploy ▲ for the toolbar (it opens {@link DeployDialog}), and the
 * Deployment panel: the deployment's summary with Check drift, Re-apply, Undeploy and Close; what the
 * last action came to; each node's rollout; the deployer's lines. Re-apply and Undeploy ask first,
 * naming what they change.
 */
public final class DeployView {
    public static final String DEPLOY_BUTTON = "deploy-button";
    public static final String PANEL = "deploy-panel";
    public static final String BAR = "deploy-bar";
    public static final String SUMMARY = "deploy-summary";
    /** Labels and cells coloured by a tone ({@link RunTones}). */
    public static final String TONED = "deploy-toned";
    public static final String OUTCOME = "deploy-outcome";
    public static final String OUTCOME_HEADLINE = "deploy-outcome-headline";
    public static final String OUTCOME_DETAIL = "deploy-outcome-detail";
    public static final String LINES = "deploy-lines";

    private final DeployViewModel viewModel;
    private final Supplier<Window> window;
    private final Button button = new Button("Deploy", new FontIcon("mdi2c-cloud-upload-outline"));
    private final Tab tab;

    public DeployView(DeployViewModel viewModel, Supplier<Window> window) {
        this.viewModel = viewModel;
        this.window = window;
        button.setId(DEPLOY_BUTTON);
        button.getStyleClass().add(DEPLOY_BUTTON);
        button.setTooltip(new Tooltip("Deploy the design to a Kubernetes cluster of your kubeconfig, "
                + "then watch its rollout on the canvas"));
        button.disableProperty().bind(viewModel.busyProperty());
        button.setOnAction(e -> deploy());
        tab = new Tab("Deployment", panel());
        tab.setId("tab-deployment");
        tab.setGraphic(new FontIcon("mdi2k-kubernetes"));
        tab.setClosable(false); // the panel's own Close stops the watch; the tab pane's policy forbids closing
    }

    /** Deploy ▲. */
    public List<Node> toolbarItems() {
        return List.of(new Separator(Orientation.VERTICAL), button);
    }

    /** The Deployment panel, for the window's panels while {@link DeployViewModel#openProperty()} is set. */
    public Tab tab() {
        return tab;
    }

    private void deploy() {
        DeployDialogViewModel dialog = viewModel.openDialog();
        if (DeployDialog.ask(dialog, window.get())) {
            viewModel.deploy(dialog);
        }
    }

    private Node panel() {
        Label summary = new Label();
        summary.setId("deploy-summary");
        summary.getStyleClass().addAll(SUMMARY, TONED);
        summary.textProperty().bind(viewModel.summaryProperty());
        summary.setTooltip(new Tooltip());
        summary.getTooltip().textProperty().bind(viewModel.titleProperty());
        viewModel.summaryToneProperty().addListener((o, old, now) -> RunTones.apply(summary, now));
        RunTones.apply(summary, viewModel.summaryToneProperty().get());
        HBox.setHgrow(summary, Priority.ALWAYS);
        summary.setMaxWidth(Double.MAX_VALUE);
        var idle = viewModel.busyProperty().not().and(viewModel.onClusterProperty());
        Button drift = action("Check drift", "mdi2f-file-compare", "deploy-check-drift",
                "Compare the cluster with the design: replicas changed by hand, deleted or extra objects, other images",
                viewModel::checkDrift);
        drift.disableProperty().bind(idle.not());
        Button reapply = action("Re-apply…", "mdi2s-sync", "deploy-reapply",
                "Make the cluster as designed again", () -> confirm(viewModel.reapplyConfirmation(), viewModel::reapply));
        reapply.disableProperty().bind(idle.not());
        Button undeploy = action("Undeploy…", "mdi2d-delete-sweep", "deploy-undeploy",
                "Delete everything of the design from the namespace", () -> confirm(viewModel.undeployConfirmation(),
                        viewModel::undeploy));
        undeploy.disableProperty().bind(idle.not());
        Button close = action("", "mdi2c-close", "deploy-close",
                "Close the deployment view: stop watching the rollout (what is on the cluster stays)", viewModel::close);
        close.getStyleClass().add(Styles.FLAT);
        HBox bar = new HBox(8, summary, drift, reapply, undeploy, close);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add(BAR);

        SplitPane body = new SplitPane(left(), lines());
        body.setOrientation(Orientation.HORIZONTAL);
        body.setDividerPositions(0.66);
        BorderPane panel = new BorderPane(body);
        panel.setTop(bar);
        panel.getStyleClass().add(PANEL);
        panel.setId("deploy-panel");
        return panel;
    }

    private Node left() {
        VBox outcome = new VBox(2);
        outcome.setId("deploy-outcome");
        outcome.getStyleClass().add(OUTCOME);
        viewModel.outcomeProperty().addListener((o, old, now) -> showOutcome(outcome, now));
        showOutcome(outcome, viewModel.outcomeProperty().get());
        ScrollPane outcomeScroll = new ScrollPane(outcome);
        outcomeScroll.setFitToWidth(true);
        outcomeScroll.setPrefViewportHeight(88);
        outcomeScroll.setMinViewportHeight(40);
        outcomeScroll.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> !viewModel.outcomeProperty().get().headline().isEmpty(), viewModel.outcomeProperty()));
        outcomeScroll.managedProperty().bind(outcomeScroll.visibleProperty());

        TableView<RolloutRow> table = new TableView<>(viewModel.rollout());
        table.setId("deploy-rollout");
        table.getStyleClass().add(Styles.DENSE);
        table.setPlaceholder(new Label("The rollout shows here once the design is applied."));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        TableColumn<RolloutRow, String> state = column("State", RolloutRow::state, 84);
        state.setCellFactory(c -> new TextCell(true));
        TableColumn<RolloutRow, String> drift = column("Drift", RolloutRow::drift, 320);
        drift.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> viewModel.rollout().stream().anyMatch(r -> !r.drift().isEmpty()), viewModel.rollout()));
        table.getColumns().setAll(List.of(column("Node", RolloutRow::node, 130), state,
                column("Ready", RolloutRow::ready, 64), column("Pods", RolloutRow::pods, 110),
                column("Restarts", r -> r.restarts() == 0 ? "" : String.valueOf(r.restarts()), 90), drift,
                column("What it says", RolloutRow::message, 520)));
        // the table takes what the outcome leaves: the outcome is what the user acts on
        table.setPrefHeight(120);
        table.setMinHeight(72);
        VBox.setVgrow(table, Priority.ALWAYS);
        return new VBox(4, outcomeScroll, table);
    }

    private static TableColumn<RolloutRow, String> column(String name, Function<RolloutRow, String> value,
            double width) {
        TableColumn<RolloutRow, String> column = new TableColumn<>(name);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setCellFactory(c -> new TextCell(false));
        column.setPrefWidth(width);
        return column;
    }

    /** A cell whose whole text shows in a tooltip (columns are narrower than what the cluster says); a state cell is toned. */
    private static final class TextCell extends TableCell<RolloutRow, String> {
        private final boolean toned;

        TextCell(boolean toned) {
            this.toned = toned;
            if (toned) {
                getStyleClass().add(TONED);
            }
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            String text = empty || item == null ? null : item;
            setText(text);
            setTooltip(text == null || text.isEmpty() ? null : new Tooltip(text));
            if (toned) {
                RolloutRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                RunTones.apply(this, row == null ? Tone.MUTED : row.tone());
            }
        }
    }

    private Node lines() {
        ListView<String> list = new ListView<>(viewModel.lines());
        list.setId("deploy-lines");
        list.getStyleClass().addAll(LINES, Styles.DENSE);
        list.setPlaceholder(new Label("The deploy's progress shows here."));
        // follows at the next pulse, once for however many batches came: by then the list's skin counts the rows
        AnimationTimer follower = new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                list.layout();
                if (!list.getItems().isEmpty()) {
                    list.scrollTo(list.getItems().size() - 1);
                }
            }
        };
        viewModel.lines().addListener((javafx.collections.ListChangeListener<String>) c -> follower.start());
        return list;
    }

    private static void showOutcome(VBox box, Outcome outcome) {
        Label headline = new Label(outcome.headline());
        headline.setId("deploy-outcome-headline");
        headline.getStyleClass().addAll(OUTCOME_HEADLINE, TONED);
        headline.setWrapText(true);
        RunTones.apply(headline, outcome.tone());
        box.getChildren().setAll(headline);
        for (String detail : outcome.details()) {
            Label line = new Label(detail);
            line.getStyleClass().add(OUTCOME_DETAIL);
            line.setWrapText(true);
            box.getChildren().add(line);
        }
    }

    private static Button action(String text, String icon, String id, String tip, Runnable action) {
        Button b = new Button(text.isEmpty() ? null : text, new FontIcon(icon));
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private void confirm(java.util.Optional<Confirmation> question, Runnable then) {
        question.ifPresent(q -> {
            ButtonType go = new ButtonType(q.action(), ButtonBar.ButtonData.OK_DONE);
            Alert alert = new Alert(Alert.AlertType.CONFIRMATION, q.message(), go, ButtonType.CANCEL);
            alert.setTitle(q.title());
            alert.setHeaderText(q.header());
            alert.getDialogPane().setId("deploy-confirmation");
            alert.getDialogPane().setPrefWidth(620);
            q.option().ifPresent(option -> {
                CheckBox box = new CheckBox(option);
                box.setId("deploy-confirmation-option");
                box.setWrapText(true);
                box.selectedProperty().bindBidirectional(viewModel.deleteDataProperty());
                Label text = new Label(q.message());
                text.setWrapText(true);
                alert.getDialogPane().setContent(new VBox(12, text, box));
            });
            ((Button) alert.getDialogPane().lookupButton(go)).setId("deploy-confirmation-ok");
            ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
            ((Button) alert.getDialogPane().lookupButton(go)).setDefaultButton(false);
            Window owner = window.get();
            if (owner != null) {
                alert.initOwner(owner);
            }
            alert.showAndWait().filter(go::equals).ifPresent(b -> then.run());
        });
    }
}
