package dev.topograph.model.generate;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runtime templates on the class path ({@code runtime-templates/} from the
 * runtime-templates module), compiled once. A template's path is its output path with
 * placeholders such as {@code __service__} and a {@code .mustache} suffix; partials live in
 * {@code _partials/}.
 */
final class Templates {
    private static final String ROOT = "runtime-templates/";
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();
    private final Mustache.Compiler compiler = Mustache.compiler()
            .escapeHTML(false)
            .strictSections(false)
            .defaultValue(null)
            .withLoader(name -> reader("_partials/" + name + ".mustache"));

    /** Renders the template at {@code path} (without the suffix) with the view. */
    String render(String path, Object view) {
        Template template = compiled.computeIfAbsent(path, p -> compiler.compile(read(p + ".mustache")));
        return template.execute(view);
    }

    private static Reader reader(String path) {
        return new StringReader(read(path));
    }

    private static String read(String path) {
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalStateException("template missing from this build: " + path);
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                StringBuilder sb = new StringBuilder();
                char[] buf = new char[8192];
                for (int n; (n = r.read(buf)) > 0; ) {
                    sb.append(buf, 0, n);
                }
                return sb.toString();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
