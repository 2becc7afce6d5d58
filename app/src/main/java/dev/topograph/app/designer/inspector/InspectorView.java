package dev.topograph.app.designer.inspector;

import atlantafx.base.theme.Styles;
import dev.topograph.app.designer.inspector.InspectorViewModel.Showing;
import dev.topograph.app.designer.palette.PaletteView;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The inspector panel: a header naming what is selected, then its properties as labelled fields.
 * Text fields commit on Enter or when they lose focus; Escape puts the design's value back. A
 * refused value stays in its field, outlined ({@code :invalid}), with the reason under it.
 */
public final class InspectorView extends BorderPane {
    /** A field whose value the design refused. */
    public static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    public static final String STYLE = "inspector-view";
    public static final String CONTENT = "inspector-content";
    public static final String HEADER = "inspector-header";
    public static final String BADGE = "inspector-badge";
    public static final String FIELD_LABEL = "inspector-field-label";
    public static final String FIELD_VALUE = "inspector-field-value";
    public static final String FIELD_ERROR = "inspector-field-error";
    public static final String SECTION_TITLE = "inspector-section-title";
    public static final String HINT = "inspector-hint";
    public static final String ENDPOINTS = "inspector-endpoints";
    /** Prefix of the style class that colours an icon by what it stands for ({@code kind-service}). */
    public static final String KIND_PREFIX = "kind-";

    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    private static final KeyCombination REDO_Y = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);
    private static final double LABEL_WIDTH = 82;
    private static final double ROW_HEIGHT = 40;
    private static final double TABLE_HEADER_HEIGHT = 38;

    private final InspectorViewModel viewModel;
    private final VBox content;

    public InspectorView(InspectorViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add(STYLE);
        setId("inspector");

        content = new VBox(16, header(), designSection(), nodeSection(), edgeSection(), manySection());
        content.getStyleClass().add(CONTENT);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        setCenter(scroll);
    }

    /** Adds a section of another panel's under the header (the Live figures of a running node). */
    public void addSection(Node section) {
        content.getChildren().add(1, section);
    }

    // --- sections ------------------------------------------------------------------------------

    private Node header() {
        FontIcon icon = new FontIcon();
        StackPane badge = new StackPane(icon);
        badge.getStyleClass().add(BADGE);
        Label title = new Label();
        title.setId("inspector-title");
        title.getStyleClass().add(Styles.TITLE_4);
        title.textProperty().bind(viewModel.titleProperty());
        title.setWrapText(true);
        Label subtitle = new Label();
        subtitle.setId("inspector-subtitle");
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        subtitle.textProperty().bind(viewModel.subtitleProperty());
        subtitle.setWrapText(true);
        VBox text = new VBox(2, title, subtitle);
        text.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox header = new HBox(12, badge, text);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add(HEADER);

        ChangeListener<String> kind = (o, old, now) -> {
            icon.setIconLiteral(iconFor(now));
            if (old != null) {
                icon.getStyleClass().remove(KIND_PREFIX + old);
            }
            icon.getStyleClass().add(KIND_PREFIX + now);
        };
        viewModel.kindProperty().addListener(kind);
        kind.changed(viewModel.kindProperty(), null, viewModel.kindProperty().get());
        return header;
    }

    private Node designSection() {
        Label summary = new Label();
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.textProperty().bind(viewModel.summaryProperty());
        summary.setWrapText(true);
        VBox section = new VBox(10,
                textRow("Name", "inspector-name", viewModel.name()),
                textRow("Go module", "inspector-module", viewModel.module()),
                summary,
                hint("Select a node or an edge on the canvas to edit it."));
        showWhen(section, Showing.DESIGN);
        return section;
    }

    private Node nodeSection() {
        VBox section = new VBox(10,
                textRow("Id", "inspector-id", viewModel.id()),
                choiceRow("Context", "inspector-context", viewModel.context()),
                textRow("Port", "inspector-port", viewModel.port()),
                choiceRow("Framework", "inspector-framework", viewModel.framework()),
                textRow("Replicas", "inspector-replicas", viewModel.replicas()),
                choiceRow("Engine", "inspector-engine", viewModel.engine()),
                endpoints());
        showWhen(section, Showing.NODE);
        return section;
    }

    private Node edgeSection() {
        VBox section = new VBox(10,
                choiceRow("Kind", "inspector-edge-kind", viewModel.edgeKind()),
                valueRow("From", "inspector-from", viewModel.edgeFromProperty()),
                valueRow("To", "inspector-to", viewModel.edgeToProperty()),
                textRow("Topic", "inspector-topic", viewModel.topic()),
                textRow("Route", "inspector-route", viewModel.route()));
        showWhen(section, Showing.EDGE);
        return section;
    }

    private Node manySection() {
        Label hint = hint("");
        hint.textProperty().bind(viewModel.summaryProperty());
        VBox section = new VBox(10, hint);
        showWhen(section, Showing.MANY);
        return section;
    }

    private Node endpoints() {
        Label title = new Label();
        title.getStyleClass().add(SECTION_TITLE);
        title.textProperty().bind(Bindings.size(viewModel.endpoints()).asString("Endpoints (%d)"));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);

        TableView<EndpointRow> table = new TableView<>(viewModel.endpoints());
        table.setId("inspector-endpoints");
        table.getStyleClass().add(Styles.BORDERED);
        table.setEditable(false);
        table.setFixedCellSize(ROW_HEIGHT);
        table.setPlaceholder(new Label("No endpoints yet: add one with +"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<EndpointRow, EndpointRow> method = new TableColumn<>("Method");
        method.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        method.setCellFactory(c -> new MethodCell());
        method.setMinWidth(104);
        method.setMaxWidth(104);
        TableColumn<EndpointRow, EndpointRow> path = new TableColumn<>("Path");
        path.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        path.setCellFactory(c -> new PathCell());
        for (TableColumn<EndpointRow, EndpointRow> column : List.of(method, path)) {
            column.setSortable(false);
            column.setReorderable(false);
        }
        table.getColumns().add(method);
        table.getColumns().add(path);
        fitHeightToRows(table);
        table.setMinHeight(Region.USE_PREF_SIZE);
        table.setMaxHeight(Region.USE_PREF_SIZE);

        Button add = iconButton("mdi2p-plus", "Add an endpoint", "inspector-endpoint-add");
        add.setOnAction(e -> {
            if (viewModel.addEndpoint()) {
                int last = viewModel.endpoints().size() - 1;
                table.getSelectionModel().select(last);
                table.scrollTo(last);
            }
        });
        Button remove = iconButton("mdi2m-minus", "Remove the selected endpoint", "inspector-endpoint-remove");
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> {
            int at = table.getSelectionModel().getSelectedIndex();
            if (viewModel.removeEndpoint(at) && !viewModel.endpoints().isEmpty()) {
                table.getSelectionModel().select(Math.min(at, viewModel.endpoints().size() - 1));
            }
        });
        HBox heading = new HBox(4, title, grow, add, remove);
        heading.setAlignment(Pos.CENTER_LEFT);

        VBox block = new VBox(6, heading, table, errorLabel(viewModel.endpointsErrorProperty()));
        block.getStyleClass().add(ENDPOINTS);
        block.visibleProperty().bind(viewModel.endpointsApplyProperty());
        block.managedProperty().bind(viewModel.endpointsApplyProperty());
        return block;
    }

    /** Sizes the table to show every row (at least two) without a scroll bar of its own. */
    private void fitHeightToRows(TableView<EndpointRow> table) {
        DoubleProperty header = new SimpleDoubleProperty(TABLE_HEADER_HEIGHT);
        table.skinProperty().addListener((o, old, skin) -> {
            if (table.lookup(".column-header-background") instanceof Region r) {
                header.bind(r.heightProperty());
            }
        });
        table.prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> Math.max(2, viewModel.endpoints().size()) * ROW_HEIGHT + header.get()
                        + table.getInsets().getTop() + table.getInsets().getBottom(),
                viewModel.endpoints(), header, table.insetsProperty()));
    }

    // --- rows ----------------------------------------------------------------------------------

    private Node textRow(String label, String id, EditableField field) {
        TextField input = new TextField();
        input.setId(id);
        input.textProperty().bindBidirectional(field.textProperty());
        input.promptTextProperty().bind(field.promptProperty());
        commitOnEnterOrFocusLoss(input, field);
        markInvalid(input, field.errorProperty());
        return row(label, input, field.errorProperty(), field.appliesProperty());
    }

    private Node choiceRow(String label, String id, ChoiceField field) {
        ComboBox<Choice> combo = new ComboBox<>(field.choices());
        combo.setId(id);
        combo.valueProperty().bindBidirectional(field.selectedProperty());
        markInvalid(combo, field.errorProperty());
        return row(label, combo, field.errorProperty(), field.appliesProperty());
    }

    private Node valueRow(String label, String id, ReadOnlyStringProperty value) {
        Label text = new Label();
        text.setId(id);
        text.getStyleClass().add(FIELD_VALUE);
        text.textProperty().bind(value);
        return row(label, text, null, viewModel.edgeKind().appliesProperty());
    }

    /** A label of fixed width on the left, the control and its error message on the right. */
    private static Node row(String text, Control control, ReadOnlyStringProperty error, ReadOnlyBooleanProperty applies) {
        Label label = new Label(text);
        label.getStyleClass().add(FIELD_LABEL);
        label.setLabelFor(control);
        label.setMinWidth(LABEL_WIDTH);
        label.setPrefWidth(LABEL_WIDTH);
        // As tall as the control, so the label's text sits on the control's line.
        label.minHeightProperty().bind(control.heightProperty());
        label.setAlignment(Pos.CENTER_LEFT);
        control.setMaxWidth(Double.MAX_VALUE);
        VBox column = new VBox(4, control);
        if (error != null) {
            column.getChildren().add(errorLabel(error));
        }
        HBox.setHgrow(column, Priority.ALWAYS);
        HBox row = new HBox(8, label, column);
        row.setAlignment(Pos.TOP_LEFT);
        row.visibleProperty().bind(applies);
        row.managedProperty().bind(applies);
        return row;
    }

    private static Label errorLabel(ReadOnlyStringProperty error) {
        Label message = new Label();
        message.getStyleClass().add(FIELD_ERROR);
        message.setGraphic(new FontIcon("mdi2a-alert-circle-outline"));
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.textProperty().bind(error);
        message.visibleProperty().bind(error.isNotEmpty());
        message.managedProperty().bind(error.isNotEmpty());
        return message;
    }

    private static Label hint(String text) {
        Label hint = new Label(text, new FontIcon("mdi2i-information-outline"));
        hint.getStyleClass().add(HINT);
        hint.setWrapText(true);
        hint.setMaxWidth(Double.MAX_VALUE);
        return hint;
    }

    private static Button iconButton(String icon, String tip, String id) {
        Button button = new Button(null, new FontIcon(icon));
        button.setId(id);
        button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        button.setTooltip(new Tooltip(tip));
        return button;
    }

    private void showWhen(Node section, Showing what) {
        section.visibleProperty().bind(viewModel.showingProperty().isEqualTo(what));
        section.managedProperty().bind(section.visibleProperty());
    }

    private void commitOnEnterOrFocusLoss(TextField input, EditableField field) {
        input.setOnAction(e -> field.commit());
        input.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                field.commit();
            }
        });
        input.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                field.revert();
                e.consume();
            }
        });
        undoTheDesignWhenNothingIsTyped(input, () -> field);
    }

    /**
     * Ctrl+Z in a text field undoes its typing; once the typing is committed (or there is none) it
     * undoes the design, as it would anywhere else in the window.
     */
    private void undoTheDesignWhenNothingIsTyped(TextField input, Supplier<EditableField> field) {
        input.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            EditableField shown = field.get();
            if (shown == null || shown.isEdited()) {
                return;
            }
            if (UNDO.match(e)) {
                viewModel.undo();
                e.consume();
            } else if (REDO.match(e) || REDO_Y.match(e)) {
                viewModel.redo();
                e.consume();
            }
        });
    }

    private static void markInvalid(Node control, ReadOnlyStringProperty error) {
        error.addListener((o, old, now) -> control.pseudoClassStateChanged(INVALID, !now.isEmpty()));
        control.pseudoClassStateChanged(INVALID, !error.get().isEmpty());
    }

    private static String iconFor(String kind) {
        return switch (kind) {
            case "edge" -> "mdi2v-vector-line";
            case "selection" -> "mdi2s-selection-multiple";
            case "design" -> "mdi2s-sitemap";
            default -> PaletteView.ENTRIES.stream().filter(e -> e.kind().equals(kind)).map(PaletteView.Entry::icon)
                    .findFirst().orElse("mdi2s-sitemap");
        };
    }

    // --- endpoint table cells --------------------------------------------------------------------

    /** The method of one endpoint: a combo box bound to its row while the cell shows that row. */
    private static final class MethodCell extends TableCell<EndpointRow, EndpointRow> {
        private final ComboBox<Choice> combo = new ComboBox<>();
        private final ChangeListener<String> errorWatch = (o, old, now) -> combo.pseudoClassStateChanged(INVALID,
                !now.isEmpty());
        private EndpointRow bound;

        MethodCell() {
            combo.setMaxWidth(Double.MAX_VALUE);
            combo.focusedProperty().addListener((o, was, now) -> {
                if (now) {
                    getTableView().getSelectionModel().select(getIndex());
                }
            });
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(EndpointRow row, boolean empty) {
            super.updateItem(row, empty);
            if (bound != null) {
                combo.valueProperty().unbindBidirectional(bound.method().selectedProperty());
                bound.method().errorProperty().removeListener(errorWatch);
                bound = null;
            }
            if (empty || row == null) {
                combo.setItems(FXCollections.observableArrayList());
                setGraphic(null);
                return;
            }
            bound = row;
            combo.setItems(row.method().choices());
            combo.valueProperty().bindBidirectional(row.method().selectedProperty());
            row.method().errorProperty().addListener(errorWatch);
            combo.pseudoClassStateChanged(INVALID, !row.method().error().isEmpty());
            combo.setId("inspector-endpoint-method-" + row.index());
            setGraphic(combo);
        }
    }

    /** The path of one endpoint: a text field that commits on Enter or focus loss. */
    private final class PathCell extends TableCell<EndpointRow, EndpointRow> {
        private final TextField field = new TextField();
        private final ChangeListener<String> errorWatch = (o, old, now) -> field.pseudoClassStateChanged(INVALID,
                !now.isEmpty());
        private EndpointRow bound;

        PathCell() {
            field.setOnAction(e -> commit());
            field.focusedProperty().addListener((o, was, now) -> {
                if (now) {
                    getTableView().getSelectionModel().select(getIndex());
                } else {
                    commit();
                }
            });
            field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                if (e.getCode() == KeyCode.ESCAPE && bound != null) {
                    bound.path().revert();
                    e.consume();
                }
            });
            undoTheDesignWhenNothingIsTyped(field, () -> bound == null ? null : bound.path());
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        private void commit() {
            if (bound != null) {
                bound.path().commit();
            }
        }

        @Override
        protected void updateItem(EndpointRow row, boolean empty) {
            super.updateItem(row, empty);
            if (bound != null) {
                field.textProperty().unbindBidirectional(bound.path().textProperty());
                bound.path().errorProperty().removeListener(errorWatch);
                bound = null;
            }
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            bound = row;
            field.textProperty().bindBidirectional(row.path().textProperty());
            field.promptTextProperty().bind(row.path().promptProperty());
            row.path().errorProperty().addListener(errorWatch);
            field.pseudoClassStateChanged(INVALID, !row.path().error().isEmpty());
            field.setId("inspector-endpoint-path-" + row.index());
            setGraphic(field);
        }
    }
}
