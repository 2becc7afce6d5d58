package dev.topograph.model.generate;

import dev.topograph.model.file.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The generated tree as one archive, byte-identical for the same tree (fixed timestamps). */
public final class ZipExport {
    private static final FileTime EPOCH = FileTime.fromMillis(315532800000L); // 1980-01-01, zip's earliest

    public void write(List<GeneratedFile> files, String topFolder, Path zip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (GeneratedFile f : files) {
                TreeWriter.resolveInside(Path.of("/x"), f.path());
                ZipEntry entry = new ZipEntry(topFolder + "/" + f.path());
                entry.setLastModifiedTime(EPOCH);
                entry.setCreationTime(EPOCH);
                entry.setLastAccessTime(EPOCH);
                out.putNextEntry(entry);
                out.write(f.bytes());
                out.closeEntry();
            }
        }
        AtomicFiles.write(zip, bytes.toByteArray());
    }
}
