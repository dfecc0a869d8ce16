package io.wharf.protocol;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) UUIDs for ids nobody must be able to guess the next of only loosely: request ids,
 * message ids. {@link UUID#randomUUID()} draws from a shared {@code SecureRandom}, which showed up in
 * profiles of the request path; these come from {@link ThreadLocalRandom}.
 */
public final class RequestIds {
    private RequestIds() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;            // version 4
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
        return new UUID(high, low).toString();
    }
}
