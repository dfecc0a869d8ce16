package io.wharf.kinesis.engine;

import io.wharf.kinesis.KinesisErrors;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Pagination tokens (ListStreams, ListShards, ListStreamConsumers): base64url of {@code kind|issued|fields…}.
 * They are not secret, only opaque; they expire after 300 s as AWS's do.
 */
final class Tokens {
    static final long LIFETIME_MILLIS = 300_000;

    private Tokens() {
    }

    static String encode(String kind, long now, String... fields) {
        StringBuilder text = new StringBuilder(kind).append('|').append(now);
        for (String f : fields) {
            text.append('|').append(f);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The token's fields after kind and issue time; errors for foreign, malformed or expired tokens. */
    static String[] decode(String kind, String token, long now) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (parts.length < 2 || !parts[0].equals(kind)) {
            throw invalid();
        }
        long issued;
        try {
            issued = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw invalid();
        }
        if (now - issued > LIFETIME_MILLIS) {
            throw KinesisErrors.EXPIRED_NEXT_TOKEN.error("The timestamp of the NextToken has expired. Please make a "
                    + "new request without a NextToken.");
        }
        String[] fields = new String[parts.length - 2];
        System.arraycopy(parts, 2, fields, 0, fields.length);
        return fields;
    }

    static String encodeListStreams(String lastName, long now) {
        return encode("streams", now, lastName);
    }

    static String decodeListStreams(String token, long now) {
        String[] f = decode("streams", token, now);
        if (f.length != 1) {
            throw invalid();
        }
        return f[0];
    }

    static String encodeOffset(int offset, long now) {
        return encode("consumers", now, Integer.toString(offset));
    }

    static int decodeOffset(String token, long now) {
        String[] f = decode("consumers", token, now);
        try {
            return Integer.parseInt(f[0]);
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    static io.wharf.protocol.AwsException invalid() {
        return KinesisErrors.INVALID_ARGUMENT.error("Invalid NextToken.");
    }
}
