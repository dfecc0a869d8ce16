package io.wharf.protocol.rest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wharf.protocol.TestModels;
import io.wharf.protocol.fuzz.FuzzInput;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * REST routing: {@link RestRouter} over the real S3 model, and {@link UriTemplate} over arbitrary templates.
 * Input: a method line, a raw request-target line ({@code /path?query}), then header lines ({@code name: value});
 * or, when the first line is {@code TEMPLATE}, a template line and a raw path line. Properties: routing always answers
 * (a match or a miss, no exception); a match's labels are non-empty, and putting them back into its template (encoded)
 * routes to the same operation with the same labels; a template parses or fails with IllegalArgumentException, and
 * matching never throws.
 */
class UriTemplateFuzzTest {
    private static final RestRouter ROUTER = new RestRouter(TestModels.S3);

    @FuzzTest(maxDuration = "5s")
    void route(byte[] input) {
        List<String> fields = new FuzzInput(input).fields(3);
        if (fields.get(0).equals("TEMPLATE")) {
            templateOnly(fields.get(1), fields.get(2));
            return;
        }
        String method = fields.get(0);
        String target = fields.get(1);
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        if (!rawPath.startsWith("/")) {
            rawPath = "/" + rawPath;
        }
        Map<String, List<String>> query = query(question < 0 ? "" : target.substring(question + 1));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : fields.get(2).split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        RestRouter.Result result = ROUTER.route(method, rawPath, query, headers);
        if (!(result instanceof RestRouter.Match match)) {
            return;
        }
        UriTemplate template = UriTemplate.parse(match.operation().http().requestUri());
        String rebuilt = rebuild(match.operation().http().requestUri(), match.labels());
        RestRouter.Result again = ROUTER.route(method, rebuilt, query, headers);
        if (!(again instanceof RestRouter.Match second) || !second.operation().equals(match.operation())
                || !second.labels().equals(match.labels())) {
            throw new AssertionError(rawPath + " routed to " + match + "; rebuilt as " + rebuilt + ": " + again);
        }
        match.labels().forEach((label, value) -> {
            if (value.isEmpty()) {
                throw new AssertionError("empty label " + label + " in " + template);
            }
        });
    }

    private static void templateOnly(String text, String rawPath) {
        UriTemplate template;
        try {
            template = UriTemplate.parse(text);
        } catch (IllegalArgumentException declared) {
            return;
        }
        template.match(rawPath, Map.of());
        template.pathMatches(rawPath);
    }

    /** The template's path with each label's value encoded back (a greedy label keeps its slashes). */
    static String rebuild(String requestUri, Map<String, String> labels) {
        int question = requestUri.indexOf('?');
        String path = question < 0 ? requestUri : requestUri.substring(0, question);
        StringBuilder out = new StringBuilder();
        for (String segment : path.substring(1).split("/", -1)) {
            if (path.equals("/")) {
                break;
            }
            out.append('/');
            if (segment.startsWith("{")) {
                boolean greedy = segment.endsWith("+}");
                String value = labels.get(segment.substring(1, segment.length() - (greedy ? 2 : 1)));
                out.append(greedy ? encodeKeepingSlashes(value) : encode(value));
            } else {
                out.append(segment);
            }
        }
        return out.isEmpty() ? "/" : out.toString();
    }

    private static String encodeKeepingSlashes(String value) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split("/", -1)) {
            parts.add(encode(part));
        }
        return String.join("/", parts);
    }

    private static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-_.~".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException malformed) {
                // the front door's decoder is lenient too; a malformed pair is left out here
            }
        }
        return query;
    }
}
