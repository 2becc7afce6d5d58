package dev.topograph.app.designer.files;

import java.time.Duration;
import java.time.Instant;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * Asks, at start, what to do with a design an earlier session left unsaved: Recover or Discard
 * (closing the dialog decides nothing; the offer comes again next time). The dialog pane's id is
 * {@code recovery-offer}, its buttons {@code recovery-recover} and {@code recovery-discard}.
 */
public final class RecoveryOfferDialog {
    private RecoveryOfferDialog() {
    }

    public static RecoveryViewModel.Choice ask(RecoveryViewModel.Offer offer, Window owner) {
        ButtonType recover = new ButtonType("Recover", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", recover, discard);
        alert.setTitle("Recover unsaved changes");
        alert.setHeaderText("Topograph closed before " + offer.name() + " was saved");
        alert.setContentText("Its unsaved changes from " + ago(offer.savedAt()) + " were kept aside"
                + offer.file().map(f -> "; your file " + f + " is as you last saved it").orElse("") + ".\n\n"
                + "Recover shows them as unsaved changes, to save or undo. Discard throws them away.");
        alert.getDialogPane().setId("recovery-offer");
        alert.getDialogPane().lookupButton(recover).setId("recovery-recover");
        alert.getDialogPane().lookupButton(discard).setId("recovery-discard");
        if (owner != null) {
            alert.initOwner(owner);
        }
        ButtonType answer = alert.showAndWait().orElse(ButtonType.CLOSE);
        return answer == recover ? RecoveryViewModel.Choice.RECOVER
                : answer == discard ? RecoveryViewModel.Choice.DISCARD : RecoveryViewModel.Choice.LATER;
    }

    private static String ago(Instant when) {
        long minutes = Math.max(0, Duration.between(when, Instant.now()).toMinutes());
        if (minutes < 1) {
            return "just now";
        }
        if (minutes < 120) {
            return minutes + (minutes == 1 ? " minute ago" : " minutes ago");
        }
        long hours = minutes / 60;
        return hours < 48 ? hours + " hours ago" : hours / 24 + " days ago";
    }
}
