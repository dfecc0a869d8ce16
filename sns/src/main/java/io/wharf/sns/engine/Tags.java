package io.wharf.sns.engine;

import io.wharf.sns.SnsErrors;

import java.util.HashMap;
import java.util.Map;

/** Tag limits: 50 per topic, keys 1–128 and values 0–256 characters. */
final class Tags {
    static final int MAX_TAGS = 50;

    private Tags() {
    }

    static void check(Map<String, String> adding, Map<String, String> current) {
        Map<String, String> merged = new HashMap<>(current);
        merged.putAll(adding);
        if (merged.size() > MAX_TAGS) {
            throw SnsErrors.TAG_LIMIT_EXCEEDED.error("Could not complete request: tag quota of per resource exceeded");
        }
        adding.forEach((k, v) -> {
            if (k.isEmpty() || k.length() > 128 || v.length() > 256) {
                throw SnsErrors.invalidParameter("Tags Reason: tag key or value length out of bounds");
            }
        });
    }
}
