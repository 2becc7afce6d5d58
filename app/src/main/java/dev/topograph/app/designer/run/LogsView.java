package dev.topograph.app.designer.run;

import dev.topograph.app.designer.canvas.RunBadge;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Logs panel: the run's nodes on the left (each with its state's colour), the chosen node's
 * lines on the right in a virtualised list (only the rows in view exist, so 2,000 lines of each
 * of many nodes stay fast), a filter and a follow toggle above. The launcher's own lines are
 * styled apart from what the node wrote.
 */
public final class LogsView extends BorderPane {
    public static final String STYLE = "logs";
    public static final String NODES = "logs-nodes";
    public static final String LINES = "logs-lines";
    public static final String TITLE = "logs-title";
    public static final String STATE_ICON = "logs-state";
    public static final PseudoClass LAUNCHER = PseudoClass.getPseudoClass("launcher");
    /** Rows of one height: the list lays out without measuring each line. */
    private static final double ROW_HEIGHT = 20;

    private final ListView<LogSource> nodes = new ListView<>();
    private final ListView<LogRow> lines = new ListView<>();
    /**
     * Follows at the next pulse, once for however many batches came: by then the list's skin has
     * heard of the new rows (its listener may run after ours), and a layout makes it count them.
     */
    private final AnimationTimer follower = new AnimationTimer() {
        @Override
        public void handle(long now) {
            stop();
            following = false;
            lines.layout();
            scrollToEnd();
        }
    };
    private boolean following;

    public LogsView(LogsViewModel viewModel) {
        getStyleClass().add(STYLE);

        Label title = new Label();
        title.getStyleClass().add(TITLE);
        title.textProperty().bind(Bindings.createStringBinding(() -> {
            LogSource shown = viewModel.selectedProperty().get();
            return shown == null ? "No node chosen" : shown.equals(LogSource.RUN) ? "The launcher on the run"
                    : "What " + shown.label() + " writes";
        }, viewModel.selectedProperty()));
        TextField filter = new TextField();
        filter.setId("logs-filter");
        filter.setPromptText("Filter lines");
        filter.textProperty().bindBidirectional(viewModel.filterProperty());
        HBox.setHgrow(filter, Priority.SOMETIMES);
        filter.setMaxWidth(360);
        ToggleButton follow = new ToggleButton("Follow", new FontIcon("mdi2a-arrow-collapse-down"));
        follow.setId("logs-follow");
        follow.setTooltip(new Tooltip("Keep the newest line in view"));
        follow.selectedProperty().bindBidirectional(viewModel.followProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, title, grow, new FontIcon("mdi2f-filter-outline"), filter, follow);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("logs-bar");
        setTop(bar);

        nodes.setId("logs-nodes");
        nodes.getStyleClass().add(NODES);
        nodes.setPrefWidth(180);
        nodes.setPlaceholder(new Label("No run yet"));
        nodes.setCellFactory(v -> new SourceCell(viewModel));
        nodes.getItems().setAll(viewModel.sourcesProperty().get());
        viewModel.sourcesProperty().addListener((o, old, now) -> {
            nodes.getItems().setAll(now);
            nodes.getSelectionModel().select(viewModel.selectedProperty().get());
        });
        nodes.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> {
            if (now != null) {
                viewModel.selectedProperty().set(now);
            }
        });
        viewModel.selectedProperty().addListener((o, old, now) -> {
            nodes.getSelectionModel().select(now);
            if (now != null) {
                nodes.scrollTo(now);
            }
        });
        viewModel.badgesProperty().addListener((o, old, now) -> nodes.refresh());
        setLeft(nodes);

        lines.setId("logs-list");
        lines.getStyleClass().add(LINES);
        lines.setFixedCellSize(ROW_HEIGHT);
        lines.setPlaceholder(new Label("Press Run to start the design: what each node writes shows here."));
        lines.setCellFactory(v -> new RowCell());
        lines.setItems(viewModel.rows());
        viewModel.rows().addListener((javafx.collections.ListChangeListener<LogRow>) c -> {
            if (viewModel.followProperty().get()) {
                followSoon();
            }
        });
        viewModel.followProperty().addListener((o, old, now) -> {
            if (now) {
                followSoon();
            }
        });
        setCenter(lines);
    }

    private void followSoon() {
        if (!following) {
            following = true;
            follower.start();
        }
    }

    private void scrollToEnd() {
        if (!lines.getItems().isEmpty()) {
            lines.scrollTo(lines.getItems().size() - 1);
        }
    }

    /** A node of the run with a dot in its state's colour. */
    private static final class SourceCell extends ListCell<LogSource> {
        private final LogsViewModel viewModel;
        private final FontIcon dot = new FontIcon("mdi2c-circle");

        SourceCell(LogsViewModel viewModel) {
            this.viewModel = viewModel;
            dot.getStyleClass().add(STATE_ICON);
        }

        @Override
        protected void updateItem(LogSource item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            setText(item.label());
            if (item.equals(LogSource.RUN)) {
                FontIcon console = new FontIcon("mdi2c-console-line");
                console.getStyleClass().add(STATE_ICON);
                setGraphic(console);
                setTooltip(new Tooltip("What the launcher says of the run as a whole"));
                return;
            }
            RunBadge badge = viewModel.badgesProperty().get().get(item.node());
            RunTones.apply(dot, badge == null ? RunBadge.Tone.MUTED : badge.tone());
            setGraphic(dot);
            setTooltip(badge == null ? null : new Tooltip(badge.details()));
        }
    }

    /** One line; the launcher's are told apart by a pseudo-class. */
    private static final class RowCell extends ListCell<LogRow> {
        @Override
        protected void updateItem(LogRow item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.toString());
            pseudoClassStateChanged(LAUNCHER, !empty && item != null && item.fromLauncher());
        }
    }
}
