package dev.topograph.app.designer.deploy;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Deploy dialog: a form bound to a {@link DeployDialogViewModel}. Each field says under it what
 * is wrong with it; Deploy is enabled once nothing is. No kubeconfig: the dialog says so and how to
 * get one.
 */
public final class DeployDialog {
    public static final String FORM = "deploy-form";
    public static final String FIELD_ERROR = "deploy-field-error";
    public static final String FIELD_HINT = "deploy-field-hint";
    public static final String KUBECONFIG_PROBLEM = "deploy-kubeconfig-problem";
    /** A field's message while the field is still empty. */
    private static final PseudoClass UNSET = PseudoClass.getPseudoClass("unset");
    /** The style class that carries the designer's semantic tokens. */
    private static final String STYLED = "designer";
    private static final String STYLESHEET = DeployDialog.class.getResource("/dev/topograph/app/designer/app.css")
            .toExternalForm();

    private DeployDialog() {
    }

    /** Shows the dialog and waits; true when the user pressed Deploy. */
    public static boolean ask(DeployDialogViewModel vm, Window owner) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(vm.title());
        dialog.setHeaderText(vm.title() + " to a Kubernetes cluster");
        dialog.setGraphic(new FontIcon("mdi2k-kubernetes"));
        ButtonType deploy = new ButtonType("Deploy", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(deploy, ButtonType.CANCEL);
        dialog.getDialogPane().setId("deploy-dialog");
        // the dialog is a scene of its own: it takes the designer's tokens and styles along
        dialog.getDialogPane().getStyleClass().add(STYLED);
        dialog.getDialogPane().getStylesheets().add(STYLESHEET);
        dialog.getDialogPane().setContent(form(vm));
        dialog.getDialogPane().setPrefWidth(640);
        Button deployButton = (Button) dialog.getDialogPane().lookupButton(deploy);
        deployButton.setId("deploy-confirm");
        deployButton.disableProperty().bind(vm.validProperty().not());
        if (owner != null) {
            dialog.initOwner(owner);
        }
        // messages come and go as the kubeconfig is read and fields are typed: the window follows its content
        for (ReadOnlyStringProperty message : List.of(vm.kubeconfigProblemProperty(), vm.serverProperty(),
                vm.contextErrorProperty(), vm.namespaceErrorProperty(), vm.registryErrorProperty(),
                vm.tagErrorProperty())) {
            message.addListener((o, old, now) -> {
                if (old.isEmpty() != now.isEmpty() && dialog.getDialogPane().getScene() != null
                        && dialog.getDialogPane().getScene().getWindow() != null) {
                    dialog.getDialogPane().getScene().getWindow().sizeToScene();
                }
            });
        }
        return dialog.showAndWait().filter(deploy::equals).isPresent();
    }

    private static Node form(DeployDialogViewModel vm) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add(FORM);
        grid.setHgap(12);
        grid.setVgap(4);
        grid.setPadding(new Insets(8, 4, 4, 4));
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(120);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, fields);

        Label problem = new Label();
        problem.setId("deploy-kubeconfig-problem");
        problem.getStyleClass().add(KUBECONFIG_PROBLEM);
        problem.setGraphic(new FontIcon("mdi2a-alert-outline"));
        problem.setWrapText(true);
        problem.setMinHeight(Region.USE_PREF_SIZE);
        problem.textProperty().bind(vm.kubeconfigProblemProperty());
        showWhenSet(problem, vm.kubeconfigProblemProperty());

        ComboBox<String> context = new ComboBox<>();
        context.setId("deploy-context");
        context.setMaxWidth(Double.MAX_VALUE);
        vm.contextsProperty().addListener((o, old, now) -> context.setItems(FXCollections.observableArrayList(now)));
        context.setItems(FXCollections.observableArrayList(vm.contextsProperty().get()));
        context.valueProperty().bindBidirectional(vm.contextProperty());
        context.disableProperty().bind(vm.loadingProperty().or(Bindings.createBooleanBinding(
                () -> vm.contextsProperty().get().isEmpty(), vm.contextsProperty())));
        context.promptTextProperty().bind(Bindings.when(vm.loadingProperty()).then("reading the kubeconfig…")
                .otherwise(""));
        Label server = hint(vm.serverProperty());
        server.setId("deploy-server");

        TextField namespace = new TextField();
        namespace.setId("deploy-namespace");
        namespace.textProperty().bindBidirectional(vm.namespaceProperty());
        TextField registry = new TextField();
        registry.setId("deploy-registry");
        registry.setPromptText("localhost:5001, registry.example/team");
        registry.textProperty().bindBidirectional(vm.registryProperty());
        TextField tag = new TextField();
        tag.setId("deploy-tag");
        tag.promptTextProperty().bind(vm.tagPrompt());
        tag.textProperty().bindBidirectional(vm.tagProperty());
        ComboBox<ImageHandling> images = new ComboBox<>(FXCollections.observableArrayList(ImageHandling.values()));
        images.setId("deploy-images");
        images.setMaxWidth(Double.MAX_VALUE);
        images.valueProperty().bindBidirectional(vm.imagesProperty());
        CheckBox force = new CheckBox("Force conflicts: take over fields another manager changed");
        force.setId("deploy-force");
        force.selectedProperty().bindBidirectional(vm.forceConflictsProperty());
        Label forceHint = new Label("Off: a field changed with kubectl or by an operator stops the deploy and is named.");
        forceHint.getStyleClass().add(FIELD_HINT);
        forceHint.setWrapText(true);
        forceHint.setMinHeight(Region.USE_PREF_SIZE);

        grid.add(problem, 0, 0, 2, 1);
        int row = 1;
        row = field(grid, row, "Context", context, server, error(vm.contextErrorProperty()));
        row = field(grid, row, "Namespace", namespace, error(vm.namespaceErrorProperty(), namespace));
        row = field(grid, row, "Image registry", registry, error(vm.registryErrorProperty(), registry));
        row = field(grid, row, "Tag", tag, error(vm.tagErrorProperty(), tag));
        row = field(grid, row, "Images", images);
        field(grid, row, "", force, forceHint);
        return grid;
    }

    private static int field(GridPane grid, int row, String name, Node field, Node... under) {
        Label label = new Label(name);
        label.setLabelFor(field);
        // level with the field, not with the field and the lines under it
        GridPane.setValignment(label, VPos.TOP);
        label.setPadding(new Insets(7, 0, 0, 0));
        grid.add(label, 0, row);
        VBox box = new VBox(3, field);
        box.getChildren().addAll(under);
        box.setPadding(new Insets(0, 0, 6, 0));
        grid.add(box, 1, row);
        return row + 1;
    }

    private static Label error(ReadOnlyStringProperty text) {
        return error(text, null);
    }

    /** What is wrong with a field; what a still empty field needs is said quietly, not as an error. */
    private static Label error(ReadOnlyStringProperty text, TextField field) {
        Label label = new Label();
        label.getStyleClass().add(FIELD_ERROR);
        label.setMinHeight(Region.USE_PREF_SIZE);
        if (field != null) {
            field.textProperty().addListener((o, old, now) -> label.pseudoClassStateChanged(UNSET, now.isBlank()));
            label.pseudoClassStateChanged(UNSET, field.getText() == null || field.getText().isBlank());
        }
        label.setWrapText(true);
        label.textProperty().bind(text);
        showWhenSet(label, text);
        return label;
    }

    private static Label hint(ReadOnlyStringProperty text) {
        Label label = new Label();
        label.getStyleClass().add(FIELD_HINT);
        label.textProperty().bind(text);
        showWhenSet(label, text);
        return label;
    }

    private static void showWhenSet(Label label, ReadOnlyStringProperty text) {
        label.visibleProperty().bind(Bindings.isNotEmpty(text));
        label.managedProperty().bind(label.visibleProperty());
    }
}
