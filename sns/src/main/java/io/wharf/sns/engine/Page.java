package io.wharf.sns.engine;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** One page of a List* answer: items in ARN order and the NextToken (the last ARN, opaque) when more follow. */
public record Page<T>(List<T> items, String nextToken) {

    static <T> Page<T> of(List<T> sorted, Function<T, String> key, String nextToken, int size) {
        String after = nextToken == null || nextToken.isEmpty() ? null : decode(nextToken);
        List<T> rest = after == null ? sorted : sorted.stream().filter(t -> key.apply(t).compareTo(after) > 0).toList();
        if (rest.size() <= size) {
            return new Page<>(rest, null);
        }
        List<T> items = rest.subList(0, size);
        return new Page<>(List.copyOf(items), Base64.getUrlEncoder().withoutPadding()
                .encodeToString(key.apply(items.get(size - 1)).getBytes(StandardCharsets.UTF_8)));
    }

    private static String decode(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw io.wharf.sns.SnsErrors.invalidParameter("NextToken");
        }
    }
}
