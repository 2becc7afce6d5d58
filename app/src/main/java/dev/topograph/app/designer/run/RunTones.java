package dev.topograph.app.designer.run;

import dev.topograph.app.designer.canvas.RunBadge.Tone;
import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.scene.Node;

/** The pseudo-classes that colour a run state in CSS ({@code :tone-ok}, {@code :tone-danger} …) by the health tokens. */
public final class RunTones {
    private RunTones() {
    }

    public static PseudoClass of(Tone tone) {
        return PseudoClass.getPseudoClass("tone-" + tone.name().toLowerCase(Locale.ROOT));
    }

    /** Gives the node the pseudo-class of {@code tone} and none of the others. */
    public static void apply(Node node, Tone tone) {
        for (Tone t : Tone.values()) {
            node.pseudoClassStateChanged(of(t), t == tone);
        }
    }
}
