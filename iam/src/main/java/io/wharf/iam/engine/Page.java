package io.wharf.iam.engine;

import io.wharf.iam.IamErrors;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list answer, IAM style: {@code MaxItems} (1–1000, default 100) items and, when more follow,
 * {@code IsTruncated} and a {@code Marker} to continue from. The marker is the sort key of the next item (base64url),
 * so a page boundary survives items being added or removed in between.
 */
public record Page<T>(List<T> items, String marker) {
    static final int DEFAULT_MAX_ITEMS = 100;

    public boolean truncated() {
        return marker != null;
    }

    /** A page of {@code sorted}, whose order is {@code key}'s. */
    static <T> Page<T> of(List<T> sorted, Function<T, String> key, String marker, Integer maxItems) {
        int max = maxItems == null ? DEFAULT_MAX_ITEMS : maxItems;
        int start = 0;
        if (marker != null) {
            String from = decode(marker);
            while (start < sorted.size() && key.apply(sorted.get(start)).compareTo(from) < 0) {
                start++;
            }
        }
        int end = Math.min(sorted.size(), start + max);
        String next = end < sorted.size() ? encode(key.apply(sorted.get(end))) : null;
        return new Page<>(List.copyOf(sorted.subList(start, end)), next);
    }

    /** A page of {@code items} in their own order (tags, attachments: order of addition); the marker is a position. */
    public static <T> Page<T> byPosition(List<T> items, String marker, Integer maxItems) {
        int max = maxItems == null ? DEFAULT_MAX_ITEMS : maxItems;
        int start = 0;
        if (marker != null) {
            try {
                start = Integer.parseInt(decode(marker));
            } catch (NumberFormatException e) {
                throw IamErrors.validation("Invalid Marker.");
            }
        }
        start = Math.max(0, Math.min(start, items.size()));
        int end = Math.min(items.size(), start + max);
        return new Page<>(List.copyOf(items.subList(start, end)), end < items.size() ? encode(Integer.toString(end))
                : null);
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String marker) {
        try {
            return new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw IamErrors.validation("Invalid Marker.");
        }
    }
}
