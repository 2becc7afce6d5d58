package dev.topograph.app.launch.docker;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The image names Docker takes, and those it refuses, told apart before a build starts. */
class ImageTagTest {
    @ParameterizedTest
    @ValueSource(strings = {"echo", "echo:1", "topograph/shop-orders:0.1.0", "shop__x/a.b_c-d:latest",
            "localhost/echo:dev", "localhost:5000/team/echo:v1", "registry.example.com/echo", "127.0.0.1:5000/echo:Tag_1"})
    void namesDockerTakesPass(String ref) {
        assertThatCode(() -> ImageTag.requireValid(ref)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Echo", "team/Echo:1", "Topograph-Test/echo", "echo:", "echo:.hidden", "echo:-x",
            "echo:a b", "-echo", "echo-", "team//echo", "/echo", "bad_host.example.com:x/echo"})
    void namesDockerRefusesFailWithTheRule(String ref) {
        assertThatThrownBy(() -> ImageTag.requireValid(ref))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + ref + "' cannot name a Docker image: ");
    }
}
