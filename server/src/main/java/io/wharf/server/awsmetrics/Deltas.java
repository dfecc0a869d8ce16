package io.wharf.server.awsmetrics;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns the engines' running totals into per-interval counts: what a total grew by since the last interval. A total
 * seen for the first time counts whole (the engines count from zero at start, as the publisher does); one that went
 * down (a resource deleted and made again under the same name) counts from zero again. Totals not read in an interval
 * are forgotten at its end ({@link #endInterval}), so deleted resources do not pile up. One thread only.
 */
final class Deltas {
    private static final class Seen {
        long total;
        long interval;
    }

    private final Map<Object, Seen> totals = new HashMap<>();
    private long interval;

    /** How much {@code total} grew since it was last read under {@code key}. */
    long delta(Object key, long total) {
        Seen seen = totals.get(key);
        if (seen == null) {
            seen = new Seen();
            totals.put(key, seen);
            seen.total = total;
            seen.interval = interval;
            return total;
        }
        long grown = total >= seen.total ? total - seen.total : total;
        seen.total = total;
        seen.interval = interval;
        return grown;
    }

    /** Forgets the totals this interval did not read. */
    void endInterval() {
        for (Iterator<Seen> it = totals.values().iterator(); it.hasNext(); ) {
            if (it.next().interval != interval) {
                it.remove();
            }
        }
        interval++;
    }

    int size() {
        return totals.size();
    }
}
