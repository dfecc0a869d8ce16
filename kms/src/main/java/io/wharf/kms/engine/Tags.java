package io.wharf.kms.engine;

import io.wharf.kms.KmsErrors;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** KMS's rules for tags beyond the model's lengths: no {@code aws:} keys, at most {@value KmsEngine#MAX_TAGS}. */
final class Tags {
    private Tags() {
    }

    static void validate(Map<String, String> added, Map<String, String> existing) {
        for (String key : added.keySet()) {
            if (key.regionMatches(true, 0, "aws:", 0, 4)) {
                throw KmsErrors.TAG.error("Tag keys beginning with aws: are reserved for AWS use: " + key);
            }
        }
        Set<String> all = new HashSet<>(existing.keySet());
        all.addAll(added.keySet());
        if (all.size() > KmsEngine.MAX_TAGS) {
            throw KmsErrors.TAG.error("A KMS key can have at most " + KmsEngine.MAX_TAGS + " tags; this request "
                    + "would give it " + all.size() + ".");
        }
    }
}
