package dev.topograph.model.importer;

import dev.topograph.model.topology.Topology;
import java.util.List;
import java.util.Optional;

/**
 * What an import made: the design (empty when the source could not be read at all), everything it
 * could not decide, and the evidence behind each edge.
 */
public record ImportResult(Optional<Topology> topology, List<ImportFinding> findings, List<EdgeNote> notes) {

    public ImportResult {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    /** The note of an edge, by its key. */
    public Optional<EdgeNote> note(String edgeKey) {
        return notes.stream().filter(n -> n.edgeKey().equals(edgeKey)).findFirst();
    }
}
