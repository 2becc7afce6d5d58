package dev.topograph.app.launch.local;

import static dev.topograph.app.launch.LaunchFixtures.assertNothingLeft;
import static dev.topograph.app.launch.LaunchFixtures.send;
import static dev.topograph.app.launch.LaunchFixtures.settings;
import static dev.topograph.app.launch.LaunchFixtures.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.launch.LaunchFixtures;
import dev.topograph.app.launch.NodeState;
import dev.topograph.app.launch.Run;
import dev.topograph.app.launch.RunListener;
import dev.topograph.app.launch.RunSettings.ProviderKind;
import dev.topograph.model.generate.CodeFolder;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.EdgeKind;
import dev.topograph.model.topology.Endpoint;
import dev.topograph.model.topology.Node;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The design's code folder is what runs, across a design change: the user's handler edit survives
 * the regeneration the launcher does in place, and the service the change added starts beside it.
 */
class CodeFolderRunTest {

    @BeforeAll
    static void machine() {
        LaunchFixtures.assumeMachineCanRun();
    }

    @Test
    void afterADesignChangeTheUsersCodeStillRunsAndTheNewServiceIsHealthy(@TempDir Path code) throws Exception {
        Topology tiny = LaunchFixtures.tiny();
        CodeFolder folder = new CodeFolder(code);
        folder.regenerate(tiny, Optional.empty(), false);
        Path design = folder.designFile(tiny);
        Path handler = code.resolve("services/items/internal/handlers/get_items.go");
        Files.writeString(handler, Files.readString(handler).replace("httpx.Encode(w, r, http.StatusOK, items)",
                "httpx.Encode(w, r, http.StatusOK, map[string]any{\"marker\": \"kept-across-changes\", \"items\": items})"));

        Topology changed = withReviews(tiny);
        LaunchFixtures.Recorder recorder = new LaunchFixtures.Recorder();
        Run run = new LocalLauncher(settings(ProviderKind.BINARY).withSystemFolder(code), design.toString(),
                DockerSupport.none("test")).launch(changed, recorder);
        List<Long> pids;
        try {
            assertThat(run.awaitStarted(Duration.ofMinutes(6)))
                    .hasValueSatisfying(o -> assertThat(o.healthy()).as(o.reason()).isTrue());
            assertThat(run.status("reviews").orElseThrow().state()).isEqualTo(NodeState.HEALTHY);
            assertThat(send("GET", url(run, "edge") + "/items", null).body()).contains("kept-across-changes");
            assertThat(send("GET", url(run, "edge") + "/reviews", null).statusCode()).isEqualTo(200);
            assertThat(recorder.lines()).anyMatch(l -> l.contains("building your code in " + code)
                    && l.contains("1 kept (yours)"));
            pids = LaunchFixtures.pids(run);
        } finally {
            run.stop();
        }
        assertThat(Files.readString(handler)).contains("kept-across-changes");
        assertThat(code.resolve("services/reviews/internal/handlers/get_reviews.go")).exists();
        assertNothingLeft("tiny", pids);
    }

    /** tiny plus a reviews service behind the gateway. */
    private static Topology withReviews(Topology tiny) {
        ServiceNode items = (ServiceNode) tiny.node("items").orElseThrow();
        ServiceNode reviews = ServiceNode.of("reviews", items.port() + 7).withContext(items.context())
                .withEndpoints(List.of(new Endpoint("GET", "/reviews")));
        List<Node> nodes = new ArrayList<>(tiny.nodes());
        nodes.add(reviews);
        List<Edge> edges = new ArrayList<>(tiny.edges());
        edges.add(Edge.route("edge", "reviews", "/reviews"));
        return tiny.withNodes(nodes).withEdges(edges);
    }
}
