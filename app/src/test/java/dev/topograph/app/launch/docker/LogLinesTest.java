package dev.topograph.app.launch.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Log frames follow the container's writes; the launcher wants lines. */
class LogLinesTest {
    private final List<String> lines = new ArrayList<>();
    private final LogLines logLines = new LogLines(lines::add);

    @Test
    void aLineSplitAcrossFramesArrivesWhole() {
        logLines.accept(stdout("hel"));
        logLines.accept(stdout("lo\n"));

        assertThat(lines).containsExactly("hello");
    }

    @Test
    void oneFrameMayHoldSeveralLines() {
        logLines.accept(stdout("one\ntwo\r\nthree\n"));

        assertThat(lines).containsExactly("one", "two", "three");
    }

    @Test
    void stdoutAndStderrDoNotMixHalfLines() {
        logLines.accept(stdout("out "));
        logLines.accept(new Frame(StreamType.STDERR, "err\n".getBytes(StandardCharsets.UTF_8)));
        logLines.accept(stdout("line\n"));

        assertThat(lines).containsExactly("err", "out line");
    }

    @Test
    void aCharacterSplitAcrossFramesStaysWhole() {
        byte[] word = "grüße\n".getBytes(StandardCharsets.UTF_8);
        logLines.accept(new Frame(StreamType.STDOUT, Arrays.copyOfRange(word, 0, 3)));
        logLines.accept(new Frame(StreamType.STDOUT, Arrays.copyOfRange(word, 3, word.length)));

        assertThat(lines).containsExactly("grüße");
    }

    @Test
    void whatIsLeftWithoutANewlineArrivesWhenTheStreamEnds() {
        logLines.accept(stdout("done\nlast words"));
        logLines.flush();

        assertThat(lines).containsExactly("done", "last words");
    }

    private static Frame stdout(String text) {
        return new Frame(StreamType.STDOUT, text.getBytes(StandardCharsets.UTF_8));
    }
}
