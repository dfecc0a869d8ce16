package io.wharf.server.metrics;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Caps how many resources of one kind get series of their own: the first {@code cap} seen (in the order the engine
 * lists them) keep theirs for as long as they exist; the rest are summed into one {@value #OTHER} series. A resource
 * that disappears frees its place, which the next newcomer takes. Not thread-safe: used under the scrape's lock.
 */
final class CardinalityGuard {
    static final String OTHER = "_other";
    /** The default cap per kind (queues, topics, streams): documented in docs/operations.md. */
    static final int DEFAULT_CAP = 1_000;

    private final int cap;
    private final Set<String> admitted = new LinkedHashSet<>();

    CardinalityGuard(int cap) {
        if (cap < 0) {
            throw new IllegalArgumentException("cap must be >= 0: " + cap);
        }
        this.cap = cap;
    }

    /** Forgets the resources that no longer exist; call before {@link #admit} on each scrape. */
    void retainOnly(Collection<String> present) {
        Set<String> now = present instanceof Set<String> set ? set : new HashSet<>(present);
        admitted.retainAll(now);
    }

    /** True when {@code key} has series of its own (admitting it if there is room); false: it goes to the aggregate. */
    boolean admit(String key) {
        if (admitted.contains(key)) {
            return true;
        }
        if (admitted.size() < cap) {
            admitted.add(key);
            return true;
        }
        return false;
    }

    int admittedCount() {
        return admitted.size();
    }
}
