package dev.topograph.app.launch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.app.launch.LaunchFixtures;
import dev.topograph.app.launch.RunSettings;
import dev.topograph.model.generate.Generator;
import dev.topograph.model.generate.LaunchPlan;
import dev.topograph.model.generate.TreeWriter;
import dev.topograph.model.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first build of a run: every program in one {@code go build}, a broken one left to be built (and told) alone. */
class BuildTogetherTest {
    @BeforeAll
    static void machine() {
        LaunchFixtures.assumeMachineCanRun();
    }

    @Test
    void oneGoBuildMakesEveryProgramThatCompilesAndLeavesOutTheOneThatDoesNot(@TempDir Path system, @TempDir Path cache)
            throws Exception {
        Topology tiny = LaunchFixtures.tiny();
        new TreeWriter().write(new Generator().generate(tiny), system);
        Files.writeString(system.resolve("services/items/internal/handlers/broken.go"),
                "package handlers\n\nvar _ = notDeclared\n");
        List<GoToolchain.Program> programs = LaunchPlan.of(tiny).nodes().stream().filter(LaunchPlan.PlannedNode::isProgram)
                .map(n -> new GoToolchain.Program(n.id(), n.module(), n.mainPackage(), n.goGenerate())).toList();
        assertThat(programs).extracting(GoToolchain.Program::id).contains("items", "audit", "edge");
        GoToolchain go = GoToolchain.find(LaunchFixtures.settings(RunSettings.ProviderKind.BINARY).searchPath()).orElseThrow();
        List<String> compiled = new CopyOnWriteArrayList<>();
        List<String> log = new CopyOnWriteArrayList<>();

        Map<String, Path> built = go.buildTogether(system, programs, cache, compiled::add, log::add);

        assertThat(built).containsOnlyKeys(programs.stream().map(GoToolchain.Program::id)
                .filter(id -> !id.equals("items")).toList());
        built.values().forEach(binary -> assertThat(binary).isExecutable().startsWith(cache));
        assertThat(log).as("one go build for all of them").filteredOn(l -> l.startsWith("go build ")).singleElement()
                .satisfies(l -> assertThat(l).contains("./services/items/cmd/items", "./services/audit/cmd/audit"));
        assertThat(compiled).as("-v names what Go compiled: at least the programs' own main packages")
                .contains(tiny.module() + "/services/audit/cmd/audit");
        assertThat(cache).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("together-"));

        // The binaries are those the build of one program alone finds: nothing is built twice.
        GoToolchain.Program audit = programs.stream().filter(p -> p.id().equals("audit")).findFirst().orElseThrow();
        List<String> again = new CopyOnWriteArrayList<>();
        Path alone = go.build(system, audit.module(), audit.mainPackage(), audit.generate(), audit.id(), cache, again::add);
        assertThat(alone).isEqualTo(built.get("audit"));
        assertThat(again).singleElement().satisfies(l -> assertThat(l).startsWith("up to date: services/audit"));
    }
}
