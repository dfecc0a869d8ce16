package io.wharf.cloudwatch.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One metric's data in memory: per resolution (60 or 1 seconds), bucket start → unit → aggregate. Guarded by the
 * engine's lock.
 */
final class Series {
    private final NavigableMap<Long, Map<String, Aggregate>> minutes = new TreeMap<>();
    private final NavigableMap<Long, Map<String, Aggregate>> seconds = new TreeMap<>();
    private int buckets;

    NavigableMap<Long, Map<String, Aggregate>> at(int resolutionSeconds) {
        return resolutionSeconds == 1 ? seconds : minutes;
    }

    /** The bucket's aggregate after adding {@code more}; whether the bucket is new is counted. */
    Aggregate add(int resolutionSeconds, long start, String unit, Aggregate more) {
        Map<String, Aggregate> units = at(resolutionSeconds).computeIfAbsent(start, s -> new HashMap<>(2));
        Aggregate now = units.get(unit);
        if (now == null) {
            buckets++;
        }
        Aggregate merged = now == null ? more : now.plus(more);
        units.put(unit, merged);
        return merged;
    }

    /** Puts a bucket read back from the store. */
    void restore(int resolutionSeconds, long start, String unit, Aggregate aggregate) {
        if (at(resolutionSeconds).computeIfAbsent(start, s -> new HashMap<>(2)).put(unit, aggregate) == null) {
            buckets++;
        }
    }

    /** Removes every bucket of this resolution that starts before {@code cutoff}; calls {@code removed} for each. */
    void trim(int resolutionSeconds, long cutoff, RemovedBucket removed) {
        NavigableMap<Long, Map<String, Aggregate>> old = at(resolutionSeconds).headMap(cutoff, false);
        for (Map.Entry<Long, Map<String, Aggregate>> bucket : old.entrySet()) {
            for (String unit : bucket.getValue().keySet()) {
                removed.accept(resolutionSeconds, bucket.getKey(), unit);
                buckets--;
            }
        }
        old.clear();
    }

    interface RemovedBucket {
        void accept(int resolutionSeconds, long start, String unit);
    }

    int buckets() {
        return buckets;
    }

    /** The start of the newest one-minute bucket, or {@link Long#MIN_VALUE} when there is none. */
    long newest() {
        return minutes.isEmpty() ? Long.MIN_VALUE : minutes.lastKey();
    }
}
