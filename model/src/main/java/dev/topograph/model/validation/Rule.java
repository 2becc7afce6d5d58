package dev.topograph.model.validation;

import java.util.List;
import java.util.Optional;

/**
 * One check of good service boundaries. To add a rule: write a class in {@code rules/}, list it
 * in {@link Validator#RULES}, and give it a test with a topology that triggers it and one that
 * does not.
 */
public interface Rule {

    /** Stable code, {@code TOPO0NN}; never reused for another meaning. */
    String code();

    Severity severity();

    /** The rule in a line, for documentation and the Problems panel. */
    String title();

    /** Every problem this rule finds in the graph. */
    List<Diagnostic> check(TopologyGraph graph);

    /** A diagnostic of this rule. */
    default Diagnostic problem(List<String> ids, String message) {
        return new Diagnostic(code(), severity(), ids, message, Optional.empty());
    }

    /** A diagnostic of this rule with a quick fix. */
    default Diagnostic problem(List<String> ids, String message, QuickFix fix) {
        return new Diagnostic(code(), severity(), ids, message, Optional.of(fix));
    }
}
