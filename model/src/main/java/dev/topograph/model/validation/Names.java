package dev.topograph.model.validation;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The syntax of every string a design can hold. These checks run before any string reaches a
 * template, so generated code never sees a hostile name.
 */
public final class Names {
    public static final int MAX_ID_LENGTH = 63;
    public static final int MAX_TOPIC_LENGTH = 200;
    public static final int MAX_PATH_LENGTH = 200;
    public static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    /**
     * Paths every generated service serves itself: /healthz and /readyz on its port, /metrics on its
     * metrics port (reserved on both, so that a path means one thing).
     */
    public static final Set<String> RESERVED_PATHS = Set.of("/healthz", "/readyz", "/metrics");

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final String SEGMENT = "[A-Za-z0-9_~-][A-Za-z0-9._~-]*";
    private static final Pattern ENDPOINT_PATH = Pattern.compile(
            "/|(/(" + SEGMENT + "|\\{[A-Za-z_][A-Za-z0-9_]*}))+");
    private static final Pattern ROUTE_PREFIX = Pattern.compile("/|(/" + SEGMENT + ")+/?");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final Pattern MODULE_PATH = Pattern.compile(
            "[a-z0-9][a-z0-9.-]*(/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*");
    private static final Pattern DISPLAY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.&-]{0,62}");

    private Names() {
    }

    /** DNS-1123 label: lower-case letters, digits and inner hyphens, at most 63 characters. */
    public static boolean isId(String s) {
        return s.length() <= MAX_ID_LENGTH && DNS_LABEL.matcher(s).matches();
    }

    /** Why an id is not valid, in words. */
    public static String whyNotId(String s) {
        if (s.isEmpty()) {
            return "it is empty";
        }
        if (s.length() > MAX_ID_LENGTH) {
            return "it has " + s.length() + " characters; at most " + MAX_ID_LENGTH + " are allowed";
        }
        return "use lower-case letters a–z, digits and inner hyphens, starting and ending with a letter or digit";
    }

    /** A Go 1.22 mux path: {@code /orders/{id}}, no {@code .} or {@code ..} segments. */
    public static boolean isEndpointPath(String s) {
        return s.length() <= MAX_PATH_LENGTH && ENDPOINT_PATH.matcher(s).matches() && !hasDotSegment(s);
    }

    /** A gateway route: a literal path prefix such as {@code /orders}. */
    public static boolean isRoutePrefix(String s) {
        return s.length() <= MAX_PATH_LENGTH && ROUTE_PREFIX.matcher(s).matches() && !hasDotSegment(s);
    }

    /** A dotted message subject: {@code order.created}. */
    public static boolean isTopic(String s) {
        return s.length() <= MAX_TOPIC_LENGTH && TOPIC.matcher(s).matches();
    }

    /** A Go module path such as {@code example.com/shop}. */
    public static boolean isModulePath(String s) {
        return s.length() <= 200 && MODULE_PATH.matcher(s).matches() && !hasDotSegment("/" + s);
    }

    /** A display name: ASCII letters, digits, spaces and {@code _ . & -}. */
    public static boolean isDisplayName(String s) {
        return DISPLAY_NAME.matcher(s).matches();
    }

    public static boolean isHttpMethod(String s) {
        return HTTP_METHODS.contains(s);
    }

    /** The prefix a route matches, without a trailing slash, so {@code /a} and {@code /a/} compare equal. */
    public static String normalizeRoute(String route) {
        return route.length() > 1 && route.endsWith("/") ? route.substring(0, route.length() - 1) : route;
    }

    private static boolean hasDotSegment(String s) {
        for (String segment : s.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** Quotes a user string for a message, cut short and with control characters made visible. */
    public static String show(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().limit(70).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        if (s.codePointCount(0, s.length()) > 70) {
            out.append('…');
        }
        return out.append('"').toString();
    }
}
