package io.wharf.server.metrics;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Caps how many resources of one kind get series of their own: the first {@code cap} seen (in the order the engine
 * lists them) keep theirs for as long as they exist; the rest are summed into one {@value #OTHER} series. A resource
 * that disappears frees its place, which the next newcomer takes. Not thread-safe: used under the scrape's lock (and,
 * one per kind, by the CloudWatch publisher's thread, which drops what does not fit instead of summing it).
 */
public final class CardinalityGuard {
    public static final String OTHER = "_other";
    /** The default cap per kind (queues, topics, streams): documented in docs/operations.md. */
    public static final int DEFAULT_CAP = 1_000;

    private final int cap;
    private final Set<String> admitted = new LinkedHashSet<>();

    public CardinalityGuard(int cap) {
        if (cap < 0) {
            throw new IllegalArgumentException("cap must be >= 0: " + cap);
        }
        this.cap = cap;
    }

    /** Forgets the resources that no longer exist; call before {@link #admit} on each scrape. */
    public void retainOnly(Collection<String> present) {
        Set<String> now = present instanceof Set<String> set ? set : new HashSet<>(present);
        admitted.retainAll(now);
    }

    /** True when {@code key} has series of its own (admitting it if there is room); false: it goes to the aggregate. */
    public boolean admit(String key) {
        if (admitted.contains(key)) {
            return true;
        }
        if (admitted.size() < cap) {
            admitted.add(key);
            return true;
        }
        return false;
    }

    public int admittedCount() {
        return admitted.size();
    }
}
