package dev.topograph.app.launch.docker;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The build context of an image {@code FROM scratch} that holds one static binary: a Dockerfile,
 * the binary, and the host's CA bundle when it has one, written as the tar the engine reads.
 */
final class ScratchImageContext {
    /** Where Debian, Ubuntu and Alpine keep the CA bundle, and where Go's crypto/x509 looks first. */
    static final Path HOST_CA_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");
    /** The unprivileged user of distroless images: no root inside the container. */
    static final String USER = "65532:65532";

    private static final Pattern ENTRYPOINT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final String CA_ENTRY = "ca-certificates.crt";
    // a fixed time stamp, so the same binary gives the same layer and the engine's cache can serve it
    private static final Date MOD_TIME = new Date(0);

    private final Path binary;
    private final String entrypointName;
    private final Optional<Path> caBundle;

    ScratchImageContext(Path binary, String entrypointName, Optional<Path> caBundle) {
        if (!ENTRYPOINT_NAME.matcher(entrypointName).matches() || entrypointName.equals(CA_ENTRY)
                || entrypointName.equals("Dockerfile")) {
            throw new IllegalArgumentException("'" + entrypointName + "' cannot name an image's entrypoint: use letters, "
                    + "digits, '.', '_' and '-'");
        }
        if (!Files.isRegularFile(binary)) {
            throw new IllegalArgumentException("no binary at " + binary);
        }
        this.binary = binary;
        this.entrypointName = entrypointName;
        this.caBundle = caBundle.filter(Files::isRegularFile);
    }

    String dockerfile() {
        StringBuilder text = new StringBuilder("FROM scratch\n");
        if (caBundle.isPresent()) {
            text.append("COPY ").append(CA_ENTRY).append(" /etc/ssl/certs/ca-certificates.crt\n");
        }
        text.append("COPY ").append(entrypointName).append(" /").append(entrypointName).append('\n')
                .append("USER ").append(USER).append('\n')
                .append("ENTRYPOINT [\"/").append(entrypointName).append("\"]\n");
        return text.toString();
    }

    /** Writes the whole context as a tar to {@code out} and closes it. */
    void writeTo(OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            byte[] dockerfile = dockerfile().getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = entry("Dockerfile", dockerfile.length, 0644);
            tar.putArchiveEntry(entry);
            tar.write(dockerfile);
            tar.closeArchiveEntry();
            if (caBundle.isPresent()) {
                copy(tar, caBundle.get(), CA_ENTRY, 0644);
            }
            copy(tar, binary, entrypointName, 0755);
            tar.finish();
        }
    }

    private static void copy(TarArchiveOutputStream tar, Path file, String name, int mode) throws IOException {
        tar.putArchiveEntry(entry(name, Files.size(file), mode));
        Files.copy(file, tar);
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry entry(String name, long size, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(size);
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | mode);
        entry.setModTime(MOD_TIME);
        return entry;
    }
}
