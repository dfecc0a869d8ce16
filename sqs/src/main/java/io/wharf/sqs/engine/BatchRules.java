package io.wharf.sqs.engine;

import io.wharf.sqs.SqsErrors;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The request-level rules every batch action shares (sqs.md §2.5): 1–10 entries, valid and distinct ids. */
final class BatchRules {
    static final int MAX_ENTRIES = 10;
    private static final Pattern ENTRY_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    private BatchRules() {
    }

    static void check(List<String> ids, String entryName) {
        if (ids.isEmpty()) {
            throw SqsErrors.EMPTY_BATCH_REQUEST.error("There should be at least one " + entryName
                    + " in the request.");
        }
        if (ids.size() > MAX_ENTRIES) {
            throw SqsErrors.TOO_MANY_ENTRIES_IN_BATCH_REQUEST.error("Maximum number of entries per request are "
                    + MAX_ENTRIES + ". You have sent " + ids.size() + ".");
        }
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (id == null || !ENTRY_ID.matcher(id).matches()) {
                throw SqsErrors.INVALID_BATCH_ENTRY_ID.error("A batch entry id can only contain alphanumeric "
                        + "characters, hyphens and underscores. It can be at most 80 letters long.");
            }
            if (!seen.add(id)) {
                throw SqsErrors.BATCH_ENTRY_IDS_NOT_DISTINCT.error("Id " + id + " repeated.");
            }
        }
    }
}
