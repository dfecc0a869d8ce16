package io.wharf.s3.engine;

import io.wharf.s3.S3Errors;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * ListObjects (V1: marker) and ListObjectsV2 (continuation token, start-after): keys in UTF-8 order from after a
 * position, filtered by prefix, rolled up at the delimiter into common prefixes (each counting once against max-keys),
 * truncated at max-keys (at most 1,000). A continuation token is the base64 of the last key or prefix answered.
 */
public final class Listings {
    public static final int MAX_KEYS = 1000;

    private final S3Engine engine;

    Listings(S3Engine engine) {
        this.engine = engine;
    }

    /**
     * One page: objects and common prefixes in key order, whether more follow, and where the next page starts (the
     * last key or prefix of this one).
     */
    public record Page(List<StoredObject> contents, List<String> commonPrefixes, boolean truncated, String last) {
        public int keyCount() {
            return contents.size() + commonPrefixes.size();
        }
    }

    /** What a list request asks; {@code after} is the exclusive start (marker, start-after or token's key). */
    public Page list(String bucketName, String prefix, String delimiter, String after, int maxKeys) {
        Bucket bucket = engine.bucket(bucketName);
        if (maxKeys < 0) {
            throw S3Errors.invalidArgument("Argument maxKeys must be an integer between 0 and 2147483647", "maxKeys",
                    Integer.toString(maxKeys));
        }
        int limit = Math.min(maxKeys, MAX_KEYS);
        String p = prefix == null ? "" : prefix;
        String d = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        NavigableMap<String, StoredObject> view = bucket.objects;
        String from = after != null && Bucket.KEY_ORDER.compare(after, p) >= 0 ? after : null;
        NavigableMap<String, StoredObject> tail = from != null ? view.tailMap(from, false)
                : p.isEmpty() ? view : view.tailMap(p, true);
        List<StoredObject> contents = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        boolean truncated = false;
        String skipPrefix = null;
        for (Map.Entry<String, StoredObject> e : tail.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(p)) {
                if (Bucket.KEY_ORDER.compare(key, p) > 0) {
                    break;
                }
                continue;
            }
            if (skipPrefix != null && key.startsWith(skipPrefix)) {
                continue;
            }
            String common = null;
            if (d != null) {
                int at = key.indexOf(d, p.length());
                if (at >= 0) {
                    common = key.substring(0, at + d.length());
                }
            }
            if (common != null && from != null && Bucket.KEY_ORDER.compare(common, from) <= 0
                    && from.startsWith(common)) {
                skipPrefix = common; // the previous page ended inside (or on) this prefix
                continue;
            }
            if (contents.size() + prefixes.size() >= limit) {
                truncated = true;
                break;
            }
            if (common != null) {
                prefixes.add(common);
                skipPrefix = common;
                last = common;
            } else {
                contents.add(e.getValue());
                last = key;
            }
        }
        return new Page(contents, prefixes, truncated, last);
    }

    public static String token(String last) {
        return Base64.getEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8));
    }

    /** The key a continuation token stands for; InvalidArgument when it is not one of ours. */
    public static String fromToken(String token) {
        try {
            return new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3Errors.invalidArgument("The continuation token provided is incorrect", "continuation-token",
                    token);
        }
    }
}
