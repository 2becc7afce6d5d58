package dev.topograph.app.designer;

import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.value.ChangeListener;

/**
 * TEST ONLY. With {@code -Dtopograph.test.editAfterStart=KIND} (a node kind such as
 * {@code service}) the designer adds one node of that kind at canvas point (1000, 100), through the
 * canvas's normal command path, as soon as the first design file is open. The crash test
 * (RecoveryAfterKillTest) uses it to make an unsaved edit in an app it then kills; no user ever
 * sets it, and without the property this does nothing.
 */
final class TestEditHook {
    static final String PROPERTY = "topograph.test.editAfterStart";
    /** Where the node goes, in canvas units (its centre). */
    static final double X = 1000;
    static final double Y = 100;

    private TestEditHook() {
    }

    static void install(MainViewModel viewModel) {
        String kind = System.getProperty(PROPERTY, "");
        if (kind.isBlank()) {
            return;
        }
        ChangeListener<Optional<Path>> once = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Optional<Path>> o, Optional<Path> old,
                    Optional<Path> now) {
                if (now.isPresent()) {
                    viewModel.document().fileProperty().removeListener(this);
                    viewModel.canvas().addNode(kind, X, Y);
                }
            }
        };
        viewModel.document().fileProperty().addListener(once);
    }
}
