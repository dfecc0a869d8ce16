package io.wharf.s3.engine;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A bucket in memory: its settings and its objects in S3's key order. Writes to one key hold that key's stripe lock
 * from their checks through the commit of their record, so a key changes one write at a time and a reader never sees
 * an object before its record is durable; the lifecycle lock keeps object writes (shared) out of a bucket being deleted
 * (exclusive). Settings (tags, policy, notifications) change under the bucket's monitor.
 */
final class Bucket {
    private static final int STRIPES = 64;

    /** S3 lists keys in UTF-8 byte order, which is Unicode code point order (not UTF-16's). */
    static final Comparator<String> KEY_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    final String name;
    final String account;
    final String region;
    final long created;
    volatile Map<String, String> tags = Map.of();
    volatile String policy;
    volatile List<NotificationRule> notifications = List.of();
    final ConcurrentSkipListMap<String, StoredObject> objects = new ConcurrentSkipListMap<>(KEY_ORDER);
    final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    volatile boolean deleted;

    Bucket(String name, String account, String region, long created) {
        this.name = name;
        this.account = account;
        this.region = region;
        this.created = created;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    String arn() {
        return "arn:aws:s3:::" + name;
    }

    ReentrantLock lockOf(String key) {
        return stripes[Math.floorMod(key.hashCode(), STRIPES)];
    }
}
