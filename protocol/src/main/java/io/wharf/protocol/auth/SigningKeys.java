package io.wharf.protocol.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SigV4 signing keys ({@code kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service),
 * "aws4_request")}), derived once per key, day, region and service and kept in a bounded cache.
 *
 * <p>The cache is keyed by the credential scope ({@code AKID/date/region/service/aws4_request}) and each entry
 * remembers the secret it was derived from: a key whose secret changed (rotated, or another store) is derived again,
 * so one key id never signs with another secret's key. The entry holds a {@link Mac} already keyed, cloned per use,
 * so a verified request costs one HMAC of the string to sign. When the cache is full it is emptied whole: the live
 * set (keys in use today) is small, and a clear is cheaper to reason about than an LRU under contention.
 */
final class SigningKeys {
    static final int MAX_ENTRIES = 10_000;

    private record Entry(String secretAccessKey, Mac keyed) {
    }

    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    /** A fresh HMAC-SHA256 keyed with the signing key of {@code scope}'s day, region and service. */
    Mac signer(String scope, String secretAccessKey, String date, String region, String service) {
        Entry entry = cache.get(scope);
        if (entry == null || !entry.secretAccessKey().equals(secretAccessKey)) {
            entry = new Entry(secretAccessKey, keyed(derive(secretAccessKey, date, region, service)));
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(scope, entry);
        }
        try {
            return (Mac) entry.keyed().clone();
        } catch (CloneNotSupportedException e) {
            return keyed(derive(secretAccessKey, date, region, service));
        }
    }

    int size() {
        return cache.size();
    }

    static byte[] derive(String secretAccessKey, String date, String region, String service) {
        byte[] key = ("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8);
        for (String part : new String[] {date, region, service, "aws4_request"}) {
            key = hmac(key, part);
        }
        return key;
    }

    static byte[] hmac(byte[] key, String data) {
        return keyed(key).doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    static Mac keyedMac(byte[] key) {
        return keyed(key);
    }

    private static Mac keyed(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
