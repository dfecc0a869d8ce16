package io.wharf.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.wharf.protocol.wire.WireResponse;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders the jte templates (compiled to Java by the build; every {@code ${…}} escaped for where it stands in the
 * HTML) and makes the console's answers, each with headers that keep pages out of caches, frames and other origins'
 * scripts.
 */
final class Html {
    static final String PREFIX = "/_wharf/console";
    /** Scripts and styles only from Wharf itself; uPlot sizes its canvas with inline styles. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** The template {@code name} ({@code queues} for {@code queues.jte}) with its parameters. */
    String render(String name, Map<String, Object> parameters) {
        StringOutput output = new StringOutput();
        engine.render(name + ".jte", parameters, output);
        return output.toString();
    }

    WireResponse page(int status, String name, Map<String, Object> parameters) {
        return html(status, render(name, parameters));
    }

    static WireResponse html(int status, String body) {
        return secured(WireResponse.of(status, "text/html; charset=utf-8", body.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A piece of a page that htmx puts in place: always 200, an error included in its content (htmx swaps nothing on
     * a 4xx/5xx, which would leave a denial unseen).
     */
    static WireResponse fragment(String body) {
        return html(200, body);
    }

    static WireResponse text(int status, String body) {
        return secured(WireResponse.of(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8)));
    }

    static WireResponse json(String body) {
        return secured(WireResponse.of(200, "application/json", body.getBytes(StandardCharsets.UTF_8)));
    }

    /** 303 See Other: after a form, the browser reads the page again with GET. */
    static WireResponse redirect(String location) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", location);
        headers.put("Content-Type", "text/plain; charset=utf-8");
        return secured(new WireResponse(303, headers, new byte[0]));
    }

    static WireResponse secured(WireResponse response) {
        return response.withHeader("Cache-Control", "no-store")
                .withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("X-Frame-Options", "DENY")
                .withHeader("Referrer-Policy", "same-origin");
    }

    static Map<String, Object> params(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
