package dev.topograph.app.launch.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build context of a scratch image: the Dockerfile it writes and the tar the engine reads. */
class ScratchImageContextTest {
    @TempDir
    Path dir;

    @Test
    void theDockerfileCopiesTheBinaryAndTheCaBundleAndRunsUnprivileged() throws IOException {
        ScratchImageContext context = new ScratchImageContext(file("svc", "binary"), "svc", Optional.of(file("ca", "certs")));

        assertThat(context.dockerfile()).isEqualTo("""
                FROM scratch
                COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
                COPY svc /svc
                USER 65532:65532
                ENTRYPOINT ["/svc"]
                """);
    }

    @Test
    void withoutACaBundleOnTheHostTheImageHasNone() throws IOException {
        ScratchImageContext context = new ScratchImageContext(file("svc", "binary"), "svc", Optional.of(dir.resolve("absent")));

        assertThat(context.dockerfile()).doesNotContain("ca-certificates");
    }

    @Test
    void theTarHoldsTheDockerfileAndAnExecutableBinaryWithAFixedTimeStamp() throws IOException {
        ScratchImageContext context = new ScratchImageContext(file("svc", "binary bytes"), "svc", Optional.of(file("ca", "certs")));
        ByteArrayOutputStream tar = new ByteArrayOutputStream();

        context.writeTo(tar);

        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        Map<String, String> contents = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar.toByteArray()))) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), entry);
                contents.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries).containsOnlyKeys("Dockerfile", "ca-certificates.crt", "svc");
        assertThat(contents).containsEntry("svc", "binary bytes").containsEntry("ca-certificates.crt", "certs");
        assertThat(contents.get("Dockerfile")).isEqualTo(context.dockerfile());
        assertThat(entries.get("svc").getMode() & 0777).isEqualTo(0755);
        assertThat(entries.get("Dockerfile").getMode() & 0777).isEqualTo(0644);
        assertThat(entries.values()).allSatisfy(e -> assertThat(e.getModTime().getTime()).isZero());
    }

    @Test
    void anEntrypointNameThatIsNotAPlainFileNameIsRefused() throws IOException {
        Path binary = file("svc", "binary");

        for (String bad : new String[] {"", "../etc/passwd", "a b", "Dockerfile", "ca-certificates.crt", "-x"}) {
            assertThatThrownBy(() -> new ScratchImageContext(binary, bad, Optional.empty()))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aMissingBinaryIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> new ScratchImageContext(dir.resolve("nothing"), "svc", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no binary at");
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
