package dev.topograph.app.launch.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.generate.CredentialsSecret;
import dev.topograph.model.generate.Generator;
import dev.topograph.model.generate.LaunchPlan;
import dev.topograph.model.topology.Topology;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The credentials Secrets a deploy creates hold every key the generated pods read, for every engine that takes a password. */
class CredentialsSecretsTest {

    @ParameterizedTest
    @ValueSource(strings = {"../examples/shop.topology.json",
        "../model/src/test/resources/generate/every-feature.topology.json",
        "../model/src/test/resources/generate/grpc.topology.json",
        "../model/src/test/resources/generate/other-engines.topology.json"})
    void everyKeyThePodsReadIsInTheSecretADeployCreates(String file) throws Exception {
        Topology topology = new ProjectFile().load(Path.of(file));
        Manifests manifests = Manifests.of(new Generator().generate(topology), LaunchPlan.of(topology));
        Map<String, CredentialsSecret> secrets = CredentialsSecret.of(topology).stream()
                .collect(Collectors.toMap(CredentialsSecret::name, Function.identity()));

        Map<String, TreeSet<String>> read = manifests.secretKeysRead();

        assertThat(secrets.keySet()).as("a Secret for every one the pods read, and no other")
                .containsExactlyInAnyOrderElementsOf(read.keySet());
        read.forEach((name, keys) -> assertThat(secrets.get(name).data("p", "r").keySet()).as(name)
                .containsAll(keys));
    }
}
