package dev.topograph.model.file;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Lifts a project file tree from one format version to the next. When format 2 arrives, add a
 * {@code Migration} from 1 and register it in {@link ProjectFile#MIGRATIONS}; files of every
 * older version then open.
 */
public interface Migration {

    /** The version this migration reads; it produces {@code fromVersion() + 1}. */
    int fromVersion();

    /** Rewrites the tree in place or returns a new one; must set {@code formatVersion}. */
    ObjectNode migrate(ObjectNode tree);
}
