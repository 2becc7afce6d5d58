package dev.topograph.app.designer.problems;

import dev.topograph.app.ui.Words;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Problems panel: every diagnostic with its code, elements and why; click to reveal, one click to fix. */
public final class ProblemsView extends BorderPane {
    private final ListView<ProblemItem> list = new ListView<>();

    public ProblemsView(ProblemsViewModel viewModel) {
        getStyleClass().add("problems");
        Label title = new Label();
        title.getStyleClass().add("problems-title");
        title.textProperty().bind(Bindings.createStringBinding(
                () -> "Problems — " + Words.count(viewModel.errorsProperty().get(), "error") + ", "
                        + Words.count(viewModel.warningsProperty().get(), "warning"),
                viewModel.errorsProperty(), viewModel.warningsProperty()));
        title.setPadding(new Insets(6, 10, 6, 10));
        setTop(title);
        list.setId("problems-list");
        list.setPlaceholder(new Label("No problems: the design follows every rule."));
        list.setCellFactory(v -> new ProblemCell(viewModel));
        viewModel.itemsProperty().addListener((o, old, now) -> list.getItems().setAll(now));
        list.getItems().setAll(viewModel.itemsProperty().get());
        list.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> {
            if (now != null) {
                viewModel.reveal(now);
            }
        });
        setCenter(list);
    }

    private static final class ProblemCell extends ListCell<ProblemItem> {
        private final ProblemsViewModel viewModel;

        ProblemCell(ProblemsViewModel viewModel) {
            this.viewModel = viewModel;
        }

        @Override
        protected void updateItem(ProblemItem item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            FontIcon icon = new FontIcon(item.error() ? "mdi2c-close-circle" : "mdi2a-alert");
            icon.getStyleClass().add(item.error() ? "problem-error" : "problem-warning");
            Label code = new Label(item.code());
            code.getStyleClass().add("problem-code");
            Label elements = new Label(item.elements());
            elements.getStyleClass().add("problem-elements");
            Label message = new Label(item.message());
            message.setWrapText(true);
            message.getStyleClass().add("problem-message");
            HBox head = new HBox(8, icon, code, elements);
            head.setAlignment(Pos.CENTER_LEFT);
            VBox text = new VBox(2, head, message);
            HBox.setHgrow(text, Priority.ALWAYS);
            HBox row = new HBox(10, text);
            row.setAlignment(Pos.CENTER_LEFT);
            item.fixLabel().ifPresent(label -> {
                Button fix = new Button(label, new FontIcon("mdi2w-wrench"));
                fix.getStyleClass().add("quick-fix");
                fix.setId("fix-" + item.code() + "-" + item.index());
                fix.setOnAction(e -> viewModel.applyFix(item));
                row.getChildren().add(fix);
            });
            text.setMaxWidth(Double.MAX_VALUE);
            message.maxWidthProperty().bind(getListView().widthProperty().subtract(item.fixLabel().isPresent() ? 300 : 80));
            setText(null);
            setGraphic(row);
        }
    }
}
