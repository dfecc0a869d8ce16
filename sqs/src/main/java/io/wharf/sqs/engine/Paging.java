package io.wharf.sqs.engine;

import io.wharf.sqs.SqsErrors;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * ListQueues-style pages over queues ordered by name. The token is the URL-safe base64 of the last name
 * returned, so it stays valid while queues come and go. Without MaxResults: up to 1,000 and no token.
 */
final class Paging {
    static final int MAX_PAGE = 1000;

    private Paging() {
    }

    static QueuePage page(List<QueueId> queues, Integer maxResults, String nextToken) {
        if (maxResults != null && (maxResults < 1 || maxResults > MAX_PAGE)) {
            throw SqsErrors.invalidParameter("MaxResults", maxResults,
                    "MaxResults must be an integer between 1 and 1000.");
        }
        String after = nextToken == null || nextToken.isEmpty() ? null : decode(nextToken);
        List<QueueId> sorted = new ArrayList<>(queues);
        sorted.sort(Comparator.comparing(QueueId::name));
        List<QueueId> page = new ArrayList<>();
        int limit = maxResults == null ? MAX_PAGE : maxResults;
        boolean more = false;
        for (QueueId id : sorted) {
            if (after != null && id.name().compareTo(after) <= 0) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(id);
        }
        String token = more && maxResults != null
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(
                        page.get(page.size() - 1).name().getBytes(StandardCharsets.UTF_8))
                : null;
        return new QueuePage(List.copyOf(page), token);
    }

    private static String decode(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SqsErrors.INVALID_PARAMETER_VALUE.error("Invalid NextToken value.");
        }
    }
}
