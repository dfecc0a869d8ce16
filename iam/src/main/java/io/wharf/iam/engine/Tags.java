package io.wharf.iam.engine;

import io.wharf.iam.IamErrors;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * IAM's tag rules: keys are unique without regard to case (a second "Env" beside "env" in one request is an error;
 * tagging "Env" over an existing "env" replaces it, key spelling included), at most {@link IamLimits#tagsPerEntity()}
 * per entity. Lengths and characters are the model's constraints, checked before the engine sees a tag.
 */
final class Tags {
    private Tags() {
    }

    static void checkDistinct(List<Tag> tags) {
        Set<String> seen = new HashSet<>();
        for (Tag tag : tags) {
            if (!seen.add(tag.key().toLowerCase(Locale.ROOT))) {
                throw IamErrors.INVALID_INPUT.error(
                        "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
        }
    }

    /** Adds or replaces {@code tags} in {@code target}, refusing a result over the limit (nothing changed then). */
    static void apply(Map<String, String> target, List<Tag> tags, int limit, String quota) {
        checkDistinct(tags);
        Map<String, String> result = new java.util.LinkedHashMap<>(target);
        for (Tag tag : tags) {
            remove(result, tag.key());
            result.put(tag.key(), tag.value());
        }
        if (result.size() > limit) {
            throw IamErrors.quota(quota, limit);
        }
        target.clear();
        target.putAll(result);
    }

    static void remove(Map<String, String> target, String key) {
        Iterator<String> keys = target.keySet().iterator();
        while (keys.hasNext()) {
            if (keys.next().equalsIgnoreCase(key)) {
                keys.remove();
            }
        }
    }
}
