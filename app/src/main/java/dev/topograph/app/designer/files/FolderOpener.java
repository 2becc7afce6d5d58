package dev.topograph.app.designer.files;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens a folder for the user outside the designer: in the desktop's file manager, or in a
 * terminal there. It starts processes and may wait briefly for them, so ViewModels call it in
 * background tasks; it is injected, so their tests need no desktop.
 */
public interface FolderOpener {

    /**
     * Shows {@code folder} in the file manager.
     *
     * @throws IOException whose message tells the user, in a sentence, why it could not
     */
    void openInFileManager(Path folder) throws IOException;

    /**
     * Opens a terminal whose working folder is {@code folder}.
     *
     * @throws IOException whose message tells the user, in a sentence, why it could not (no terminal found)
     */
    void openTerminal(Path folder) throws IOException;
}
