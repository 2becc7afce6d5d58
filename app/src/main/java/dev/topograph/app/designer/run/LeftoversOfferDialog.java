package dev.topograph.app.designer.run;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * Asks, at start, what to do with what an interrupted run left: Clean up or Leave (closing the
 * dialog leaves it; the offer comes again next time, and the next Run of that design removes it
 * anyway). The dialog pane's id is {@code leftovers-offer}, its buttons {@code leftovers-clean}
 * and {@code leftovers-leave}.
 */
public final class LeftoversOfferDialog {
    private LeftoversOfferDialog() {
    }

    /** True: clean up. */
    public static boolean ask(RunViewModel.LeftoversOffer offer, Window owner) {
        ButtonType clean = new ButtonType("Clean up", ButtonBar.ButtonData.YES);
        ButtonType leave = new ButtonType("Leave", ButtonBar.ButtonData.NO);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", clean, leave);
        alert.setTitle("Clean up after an interrupted run");
        alert.setHeaderText(offer.message());
        alert.setContentText("What ran it was closed or killed before it could stop it. Clean up stops what is still "
                + "running and removes its throwaway data. Leave keeps it for now; the next Run of that design "
                + "cleans up first.");
        alert.getDialogPane().setId("leftovers-offer");
        alert.getDialogPane().lookupButton(clean).setId("leftovers-clean");
        alert.getDialogPane().lookupButton(leave).setId("leftovers-leave");
        if (owner != null) {
            alert.initOwner(owner);
        }
        return alert.showAndWait().filter(clean::equals).isPresent();
    }
}
