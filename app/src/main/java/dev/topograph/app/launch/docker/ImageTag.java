package dev.topograph.app.launch.docker;

import java.util.regex.Pattern;

/**
 * Docker's grammar of an image name with an optional tag ({@code [registry[:port]/]path[:tag]}),
 * checked before a build: the engine refuses a bad tag before it reads the build context and
 * drops the connection while the context is still being sent, so its own words never arrive.
 */
final class ImageTag {
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private ImageTag() {
    }

    /** Throws with what is wrong unless {@code ref} can name an image. */
    static void requireValid(String ref) {
        String name = ref;
        int lastSlash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        if (colon > lastSlash) {
            String tag = ref.substring(colon + 1);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(ref, "a tag is 1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'");
            }
            name = ref.substring(0, colon);
        }
        if (name.isEmpty() || name.length() > 255) {
            throw invalid(ref, "a repository name is 1 to 255 characters");
        }
        String[] parts = name.split("/", -1);
        int first = 0;
        // as in Docker: the first part names a registry only if it has a '.' or ':' or is localhost
        if (parts.length > 1 && (parts[0].contains(".") || parts[0].contains(":") || parts[0].equals("localhost"))) {
            if (!DOMAIN.matcher(parts[0]).matches()) {
                throw invalid(ref, "'" + parts[0] + "' is no registry host");
            }
            first = 1;
        }
        for (int i = first; i < parts.length; i++) {
            if (!PATH_COMPONENT.matcher(parts[i]).matches()) {
                throw invalid(ref, "repository names are lower-case letters and digits, separated by '.', '_', '__' or '-'");
            }
        }
    }

    private static IllegalArgumentException invalid(String ref, String rule) {
        return new IllegalArgumentException("'" + ref + "' cannot name a Docker image: " + rule);
    }
}
