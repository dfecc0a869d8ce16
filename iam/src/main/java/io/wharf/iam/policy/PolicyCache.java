package io.wharf.iam.policy;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed resource and session policies by their JSON text, so that a request never parses JSON: services hand the
 * evaluator their stored policy text, which changes rarely. Bounded: past {@code capacity} entries an arbitrary one
 * is dropped before a new one is added (the cost of a miss is one parse; misses racing on several threads may
 * overshoot the bound by one entry each). Reads take no lock. A text that does not
 * parse is remembered too (as {@link #MALFORMED}), so a broken policy costs one parse and one log line, not one per
 * request.
 */
final class PolicyCache {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PolicyCache.class);
    private static final Object MALFORMED = new Object();

    private final int capacity;
    private final ConcurrentHashMap<String, Object> entries;

    PolicyCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.entries = new ConcurrentHashMap<>(Math.min(capacity, 1024) * 2);
    }

    /** The parsed policy (read as {@link PolicyDocument.Kind#ANY}), or null when the text is not a policy. */
    PolicyDocument get(String json) {
        Object entry = entries.get(json);
        if (entry == null) {
            entry = parse(json);
            if (entries.size() >= capacity) {
                Iterator<String> keys = entries.keySet().iterator();
                if (keys.hasNext()) {
                    entries.remove(keys.next());
                }
            }
            entries.put(json, entry);
        }
        return entry == MALFORMED ? null : (PolicyDocument) entry;
    }

    int size() {
        return entries.size();
    }

    private static Object parse(String json) {
        try {
            return PolicyParser.parse(json, PolicyDocument.Kind.ANY);
        } catch (MalformedPolicyException e) {
            LOG.warn("A stored policy does not parse ({}); as a resource policy it denies everyone but the owner's "
                    + "root, as a session policy it allows nothing: {}", e.getMessage(),
                    json.length() > 200 ? json.substring(0, 200) + "…" : json);
            return MALFORMED;
        }
    }
}
