package io.wharf.console;

import io.wharf.protocol.wire.WireResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's scripts and styles, from the classpath: htmx and uPlot from their WebJars, the console's own CSS and
 * script from this module. Only the files named here are served (no path from the request reaches the classpath).
 */
final class StaticFiles {
    private static final String WEBJARS = "/META-INF/resources/webjars/";
    private static final Map<String, String[]> FILES = Map.of(
            "htmx.min.js", new String[]{WEBJARS + "htmx.org/2.0.4/dist/htmx.min.js", "text/javascript"},
            "uPlot.iife.min.js", new String[]{WEBJARS + "uplot/1.6.30/dist/uPlot.iife.min.js", "text/javascript"},
            "uPlot.min.css", new String[]{WEBJARS + "uplot/1.6.30/dist/uPlot.min.css", "text/css"},
            "console.css", new String[]{"/io/wharf/console/static/console.css", "text/css"},
            "console.js", new String[]{"/io/wharf/console/static/console.js", "text/javascript"});

    private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

    /** The file, or a 404. */
    WireResponse serve(String name) {
        String[] file = FILES.get(name);
        if (file == null) {
            return Html.text(404, "Not found");
        }
        byte[] bytes = loaded.computeIfAbsent(name, n -> read(file[0]));
        return WireResponse.of(200, file[1] + "; charset=utf-8", bytes)
                .withHeader("Cache-Control", "max-age=3600")
                .withHeader("X-Content-Type-Options", "nosniff");
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing console resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
