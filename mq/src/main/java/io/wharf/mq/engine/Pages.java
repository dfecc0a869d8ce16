package io.wharf.mq.engine;

import io.wharf.mq.MqErrors;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** MaxResults/NextToken over a listing in a stable order: the token is the opaque offset of the next item. */
public final class Pages {
    public static final int DEFAULT_MAX = 100;
    private static final String PREFIX = "wharf-mq:";

    private Pages() {
    }

    public static <T> MqViews.Page<T> page(List<T> all, Integer maxResults, String nextToken) {
        int max = maxResults == null ? DEFAULT_MAX : maxResults;
        int from = offset(nextToken);
        if (from > all.size()) {
            from = all.size();
        }
        int to = Math.min(all.size(), from + max);
        return new MqViews.Page<>(List.copyOf(all.subList(from, to)), to < all.size() ? token(to) : null);
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                int offset = Integer.parseInt(text.substring(PREFIX.length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException notOurs) {
            // falls through to the refusal
        }
        throw MqErrors.badRequest("nextToken", "The token [" + token + "] is invalid. Use the NextToken of a "
                + "previous answer.");
    }
}
