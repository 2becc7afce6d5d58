package dev.topograph.model.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps a user's module requirements when {@code go.mod} and {@code go.sum} are regenerated: a
 * {@code go get} in a service must survive a design change. The generated file is the base; a
 * requirement the user added is kept (in a block of its own), a version the user raised stays
 * raised, the user's {@code replace} and {@code exclude} lines are kept; {@code go.sum} is the union
 * of both (the user's extra lines after Topograph's). Nothing of the user's is ever dropped, so a
 * file the user never touched merges to itself. Requirements on the system's own modules (a gRPC
 * callee's, with its {@code replace} to the folder beside) are the design's: only the generated ones
 * count, so a callee the design renamed or dropped goes with it.
 */
final class GoModules {
    private static final Pattern REQUIRE_LINE = Pattern.compile(
            "^\\s*(?:require\\s+)?([^\\s()]+)\\s+(v[^\\s]+)(\\s*//\\s*indirect)?\\s*$");
    private static final Pattern MODULE_LINE = Pattern.compile("^module\\s+(\\S+)\\s*$", Pattern.MULTILINE);
    private static final Pattern GO_LINE = Pattern.compile("^go\\s+(\\S+)\\s*$", Pattern.MULTILINE);
    private static final String ADDED = "// Required by your code: kept whenever Topograph regenerates this file.";

    private GoModules() {
    }

    /** Whether {@code path} is a file this class merges. */
    static boolean merges(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.equals("go.mod") || name.equals("go.sum");
    }

    /** The regenerated content of {@code path}, keeping what {@code disk} adds to {@code generated}. */
    static String merge(String path, String generated, String disk) {
        return path.endsWith("go.sum") ? mergeSum(generated, disk) : mergeMod(generated, disk);
    }

    private static String mergeSum(String generated, String disk) {
        java.util.Set<String> ours = new java.util.HashSet<>(generated.lines().toList());
        StringBuilder out = new StringBuilder(generated);
        if (!generated.isEmpty() && !generated.endsWith("\n")) {
            out.append('\n');
        }
        // The user's extra lines follow Topograph's, in their order: a second merge gives the same file.
        disk.lines().filter(l -> !l.isBlank() && !ours.contains(l)).forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    private static String mergeMod(String generated, String disk) {
        Map<String, String[]> ours = requirements(generated);
        Map<String, String[]> theirs = requirements(disk);
        String system = systemModule(generated);
        String out = generated;
        List<String> added = new ArrayList<>();
        for (Map.Entry<String, String[]> r : theirs.entrySet()) {
            String[] mine = ours.get(r.getKey());
            if (mine == null && designs(system, r.getKey())) {
                continue;
            }
            if (mine == null) {
                added.add("\t" + r.getKey() + " " + r.getValue()[0] + (r.getValue()[1].isEmpty() ? "" : " // indirect"));
            } else if (compareVersions(r.getValue()[0], mine[0]) > 0) {
                out = out.replaceFirst("(?m)^(\\s*(?:require\\s+)?" + Pattern.quote(r.getKey()) + "\\s+)"
                        + Pattern.quote(mine[0]) + "\\b", "$1" + Matcher.quoteReplacement(r.getValue()[0]));
            }
        }
        Matcher ourGo = GO_LINE.matcher(out);
        Matcher theirGo = GO_LINE.matcher(disk);
        if (ourGo.find() && theirGo.find() && compareVersions("v" + theirGo.group(1), "v" + ourGo.group(1)) > 0) {
            out = out.substring(0, ourGo.start(1)) + theirGo.group(1) + out.substring(ourGo.end(1));
        }
        StringBuilder extra = new StringBuilder();
        if (!added.isEmpty()) {
            extra.append("\n").append(ADDED).append("\nrequire (\n");
            added.forEach(line -> extra.append(line).append('\n'));
            extra.append(")\n");
        }
        for (String line : disk.lines().toList()) {
            String t = line.strip();
            String[] words = t.split("\\s+");
            if ((t.startsWith("replace ") || t.startsWith("exclude ")) && !generated.contains(t)
                    && !(words[0].equals("replace") && words.length > 1 && designs(system, words[1]))) {
                extra.append("\n").append(t).append('\n');
            }
        }
        return extra.length() == 0 ? out : out + extra;
    }

    /**
     * The module path of the system, with its slash: {@code example.com/shop/} from {@code module
     * example.com/shop/services/orders}, {@code …/gateway} or {@code …/platform}.
     */
    private static String systemModule(String generated) {
        Matcher m = MODULE_LINE.matcher(generated);
        String module = m.find() ? m.group(1) : "";
        int cut = module.contains("/services/") ? module.lastIndexOf("/services/") : module.lastIndexOf('/');
        return cut < 0 ? "\0" : module.substring(0, cut + 1);
    }

    /** Whether {@code path} is a module Topograph generates in this system (a service, the platform, the gateway). */
    private static boolean designs(String system, String path) {
        return path.startsWith(system + "services/") || path.equals(system + "platform") || path.equals(system + "gateway");
    }

    /** path → {version, "indirect" or ""}, from single-line and block requires. */
    private static Map<String, String[]> requirements(String mod) {
        Map<String, String[]> found = new LinkedHashMap<>();
        boolean inRequire = false;
        for (String raw : mod.lines().toList()) {
            String line = raw.strip();
            if (line.startsWith("require (") || line.equals("require(")) {
                inRequire = true;
                continue;
            }
            if (inRequire && line.startsWith(")")) {
                inRequire = false;
                continue;
            }
            if (!inRequire && !line.startsWith("require ")) {
                continue;
            }
            Matcher m = REQUIRE_LINE.matcher(line);
            if (m.matches()) {
                found.put(m.group(1), new String[] {m.group(2), m.group(3) == null ? "" : "indirect"});
            }
        }
        return found;
    }

    /** Semantic-version order of Go module versions, pseudo-versions by their timestamp. */
    static int compareVersions(String a, String b) {
        String[] x = split(a);
        String[] y = split(b);
        String[] xs = x[0].split("\\.");
        String[] ys = y[0].split("\\.");
        for (int i = 0; i < Math.max(xs.length, ys.length); i++) {
            long xi = i < xs.length ? number(xs[i]) : 0;
            long yi = i < ys.length ? number(ys[i]) : 0;
            if (xi != yi) {
                return Long.compare(xi, yi);
            }
        }
        if (x[1].isEmpty() || y[1].isEmpty()) {
            return Boolean.compare(x[1].isEmpty(), y[1].isEmpty());
        }
        return x[1].compareTo(y[1]);
    }

    private static String[] split(String version) {
        String v = version.startsWith("v") ? version.substring(1) : version;
        v = v.replace("+incompatible", "");
        int dash = v.indexOf('-');
        return dash < 0 ? new String[] {v, ""} : new String[] {v.substring(0, dash), v.substring(dash + 1)};
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
