package io.wharf.s3.engine;

import io.wharf.s3.S3Errors;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AWS's tag rules for objects (at most 10) and buckets (at most 50): keys of 1 to 128 characters, values of at most
 * 256, letters, digits, spaces and {@code + - = . _ : / @}, no key twice, no {@code aws:} prefix.
 */
public final class Tags {
    public static final int MAX_OBJECT_TAGS = 10;
    public static final int MAX_BUCKET_TAGS = 50;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private Tags() {
    }

    /** One tag as the request listed it (a list: duplicates must still be seen). */
    public record Tag(String key, String value) {
    }

    public static Map<String, String> objectTags(List<Tag> tags) {
        if (tags.size() > MAX_OBJECT_TAGS) {
            throw S3Errors.BAD_REQUEST.error("Object tags cannot be greater than 10");
        }
        return check(tags);
    }

    public static Map<String, String> bucketTags(List<Tag> tags) {
        if (tags.size() > MAX_BUCKET_TAGS) {
            throw S3Errors.INVALID_TAG.error("Bucket tag count cannot be greater than 50");
        }
        return check(tags);
    }

    private static Map<String, String> check(List<Tag> tags) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Tag t : tags) {
            String key = t.key() == null ? "" : t.key();
            String value = t.value() == null ? "" : t.value();
            if (key.isEmpty() || key.length() > 128 || !ALLOWED.matcher(key).matches()) {
                throw S3Errors.INVALID_TAG.error("The TagKey you have provided is invalid", "TagKey", key);
            }
            if (value.length() > 256 || !ALLOWED.matcher(value).matches()) {
                throw S3Errors.INVALID_TAG.error("The TagValue you have provided is invalid", "TagKey", key,
                        "TagValue", value);
            }
            if (key.startsWith("aws:")) {
                throw S3Errors.INVALID_TAG.error("Your TagKey cannot be prefixed with aws:", "TagKey", key);
            }
            if (result.put(key, value) != null) {
                throw S3Errors.INVALID_TAG.error("Cannot provide multiple Tags with the same key", "TagKey", key);
            }
        }
        return Map.copyOf(result);
    }

    /** The tags of an {@code x-amz-tagging} header: URL query parameters ({@code k1=v1&k2=v2}). */
    public static Map<String, String> fromHeader(String header) {
        if (header == null || header.isEmpty()) {
            return Map.of();
        }
        List<Tag> tags = new java.util.ArrayList<>();
        for (String pair : header.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                tags.add(new Tag(key, value));
            } catch (IllegalArgumentException e) {
                throw badHeader(header);
            }
        }
        if (tags.stream().map(Tag::key).distinct().count() != tags.size()) {
            throw badHeader(header);
        }
        return objectTags(tags);
    }

    private static RuntimeException badHeader(String header) {
        return S3Errors.invalidArgument("The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL"
                + " query parameters without tag name duplicates.", "x-amz-tagging", header);
    }
}
