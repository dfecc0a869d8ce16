package io.wharf.protocol.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A REST operation's {@code requestUri} template, e.g. {@code /{Bucket}/{Key+}?uploads} or
 * {@code /{Bucket}?list-type=2}: path segments that are literals or labels ({@code {Name}} one segment,
 * {@code {Name+}} greedy: the rest of the path, slashes included; last only), and literal query parameters that a
 * request must carry (with the value when the template gives one). {@code x-id} is the SDKs' hint naming the
 * operation: a request without it still matches, one naming another operation does not.
 */
public final class UriTemplate {
    /** The query parameter newer SDKs add to name the operation ({@code ?x-id=GetObject}). */
    static final String OPERATION_HINT = "x-id";

    private final String text;
    private final List<Segment> segments;
    private final Map<String, String> queryLiterals; // name -> value, "" for a bare name
    private final String operationHint;

    private record Segment(String literal, String label, boolean greedy) {
    }

    private UriTemplate(String text, List<Segment> segments, Map<String, String> queryLiterals, String operationHint) {
        this.text = text;
        this.segments = segments;
        this.queryLiterals = queryLiterals;
        this.operationHint = operationHint;
    }

    /** Parses a model's template; a malformed one is a broken model and throws IllegalArgumentException. */
    public static UriTemplate parse(String template) {
        int question = template.indexOf('?');
        String path = question < 0 ? template : template.substring(0, question);
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a request URI starts with '/': " + template);
        }
        List<Segment> segments = new ArrayList<>();
        String[] parts = path.length() == 1 ? new String[0] : path.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("{") && part.endsWith("}")) {
                boolean greedy = part.endsWith("+}");
                String label = part.substring(1, part.length() - (greedy ? 2 : 1));
                if (label.isEmpty() || greedy && i != parts.length - 1) {
                    throw new IllegalArgumentException("bad label in " + template);
                }
                segments.add(new Segment(null, label, greedy));
            } else {
                if (part.contains("{") || part.contains("}")) {
                    throw new IllegalArgumentException("a label must be a whole segment: " + template);
                }
                segments.add(new Segment(part, null, false));
            }
        }
        Map<String, String> literals = new LinkedHashMap<>();
        String hint = null;
        if (question >= 0) {
            for (String pair : template.substring(question + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                if (name.equals(OPERATION_HINT)) {
                    hint = value;
                } else {
                    literals.put(name, value);
                }
            }
        }
        return new UriTemplate(template, List.copyOf(segments), Map.copyOf(literals), hint);
    }

    /**
     * The labels' values when {@code rawPath} (as sent, %-encoded, starting with '/') and {@code query} (decoded) fit
     * this template, each label decoded; null when they do not. A trailing slash after the last segment of a template
     * without a greedy label is allowed ({@code /bucket/} is the bucket).
     */
    public Map<String, String> match(String rawPath, Map<String, List<String>> query) {
        if (!queryFits(query)) {
            return null;
        }
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        Map<String, String> labels = new LinkedHashMap<>();
        int position = 0;
        for (Segment segment : segments) {
            if (position > path.length()) {
                return null;
            }
            if (segment.greedy()) {
                String rest = path.substring(position);
                if (rest.isEmpty()) {
                    return null;
                }
                labels.put(segment.label(), Percent.decode(rest));
                position = path.length() + 1;
                continue;
            }
            int slash = path.indexOf('/', position);
            int end = slash < 0 ? path.length() : slash;
            String raw = path.substring(position, end);
            if (segment.literal() != null) {
                if (!segment.literal().equals(Percent.decode(raw))) {
                    return null;
                }
            } else {
                if (raw.isEmpty()) {
                    return null;
                }
                labels.put(segment.label(), Percent.decode(raw));
            }
            position = end + 1;
        }
        // Everything consumed: position is past the end, or only a trailing slash (or nothing at all) is left.
        boolean consumed = segments.isEmpty() ? path.isEmpty() : position >= path.length();
        return consumed ? labels : null;
    }

    private boolean queryFits(Map<String, List<String>> query) {
        for (Map.Entry<String, String> literal : queryLiterals.entrySet()) {
            List<String> values = query.get(literal.getKey());
            if (values == null) {
                return false;
            }
            if (!literal.getValue().isEmpty() && !values.contains(literal.getValue())) {
                return false;
            }
        }
        if (operationHint != null) {
            List<String> hint = query.get(OPERATION_HINT);
            return hint == null || hint.isEmpty() || hint.contains(operationHint);
        }
        return true;
    }

    /** How many literal query parameters the template requires (the more, the more specific). */
    public int queryLiteralCount() {
        return queryLiterals.size();
    }

    /** The {@code x-id} value the template names, or null. */
    public String operationHint() {
        return operationHint;
    }

    /** Whether the path (not the query) of a request fits, whatever its method and query: for MethodNotAllowed. */
    public boolean pathMatches(String rawPath) {
        return new UriTemplate(text, segments, Map.of(), null).match(rawPath, Map.of()) != null;
    }

    @Override
    public String toString() {
        return text;
    }
}
