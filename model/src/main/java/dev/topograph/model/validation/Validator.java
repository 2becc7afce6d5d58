package dev.topograph.model.validation;

import dev.topograph.model.topology.Topology;
import dev.topograph.model.validation.rules.ChattyPairRule;
import dev.topograph.model.validation.rules.ContextlessServiceRule;
import dev.topograph.model.validation.rules.CrossContextDataRule;
import dev.topograph.model.validation.rules.DeadServiceRule;
import dev.topograph.model.validation.rules.DeepCallChainRule;
import dev.topograph.model.validation.rules.DuplicateRule;
import dev.topograph.model.validation.rules.EdgeKindRule;
import dev.topograph.model.validation.rules.GatewayRoutesRule;
import dev.topograph.model.validation.rules.InvalidNameRule;
import dev.topograph.model.validation.rules.OrphanDataStoreRule;
import dev.topograph.model.validation.rules.OverloadedServiceRule;
import dev.topograph.model.validation.rules.SharedDataStoreRule;
import dev.topograph.model.validation.rules.SyncCycleRule;
import dev.topograph.model.validation.rules.UnconsumedTopicRule;
import dev.topograph.model.validation.rules.UnpublishedTopicRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs every rule over a topology and returns what they found, errors first, in a stable order. */
public final class Validator {

    /** Every rule, in code order. */
    public static final List<Rule> RULES = List.of(
            new InvalidNameRule(),
            new DuplicateRule(),
            new EdgeKindRule(),
            new SharedDataStoreRule(),
            new CrossContextDataRule(),
            new OrphanDataStoreRule(),
            new SyncCycleRule(),
            new DeepCallChainRule(),
            new ChattyPairRule(),
            new UnpublishedTopicRule(),
            new UnconsumedTopicRule(),
            new OverloadedServiceRule(),
            new ContextlessServiceRule(),
            new DeadServiceRule(),
            new GatewayRoutesRule());

    private static final Comparator<Diagnostic> ORDER = Comparator
            .comparing(Diagnostic::severity)
            .thenComparing(Diagnostic::code)
            .thenComparing(d -> String.join(",", d.elementIds()))
            .thenComparing(Diagnostic::message);

    private final List<Rule> rules;

    public Validator() {
        this(RULES);
    }

    public Validator(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<Diagnostic> validate(Topology topology) {
        TopologyGraph graph = new TopologyGraph(topology);
        List<Diagnostic> found = new ArrayList<>();
        for (Rule rule : rules) {
            found.addAll(rule.check(graph));
        }
        found.sort(ORDER);
        return List.copyOf(found);
    }

    /** Whether any diagnostic is an error (errors block generation and runs). */
    public static boolean hasErrors(List<Diagnostic> diagnostics) {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
