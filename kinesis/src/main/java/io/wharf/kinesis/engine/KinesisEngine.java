package io.wharf.kinesis.engine;

import io.wharf.kinesis.KinesisErrors;
import io.wharf.kinesis.KinesisSettings;
import io.wharf.storage.Commit;
import io.wharf.storage.Store;
import io.wharf.storage.WriteBatch;
import io.wharf.storage.crypto.MasterKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The Kinesis engine: streams and their lifecycle, settings, tags, consumers, policies and account settings
 * (here); the record path ({@link Records}) and resharding ({@link Resharding}) work on the same state.
 *
 * <p>Control-plane changes (everything but records) are rare: they take one {@link #control} lock, submit the
 * rewritten stream record to the store under it and await the commit after releasing it. Status changes
 * that AWS makes after a while (CREATING → ACTIVE, UPDATING → ACTIVE, DELETING → gone) are a deadline on
 * the stream, read against the clock ({@link Stream#status(long)}), so no timer is needed for them and a
 * restart keeps them; a background pass reaps deleted streams and trims expired records.
 */
public final class KinesisEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisEngine.class);
    static final int MAX_TAGS = 50;
    static final int MAX_CONSUMERS = 20;
    static final List<String> ALL_METRICS = List.of("IncomingBytes", "IncomingRecords", "OutgoingBytes",
            "OutgoingRecords", "WriteProvisionedThroughputExceeded", "ReadProvisionedThroughputExceeded",
            "IteratorAgeMilliseconds");

    final Store store;
    final Clock clock;
    final KinesisSettings settings;
    final KinesisStoreLayout layout;
    final ReentrantLock control = new ReentrantLock();
    final Map<StreamRef, Stream> byRef = new ConcurrentHashMap<>();
    final Map<Long, Stream> byNumber = new ConcurrentHashMap<>();
    final Map<String, AccountSettings> accounts = new ConcurrentHashMap<>();
    long nextStreamNumber;
    final ShardIterators iterators;
    final Records records;
    final Resharding resharding;
    final OnDemandScaler scaler;
    private final ScheduledExecutorService background;

    /** Data keys of encrypted streams; null when no KMS is wired (encryption is then a setting only). */
    final io.wharf.protocol.crypto.DataKeyRing keyRing;

    /** An engine without KMS: StartStreamEncryption is recorded and echoed, records are stored in plain. */
    public KinesisEngine(Store store, Clock clock, KinesisSettings settings, MasterKey masterKey) {
        this(store, clock, settings, masterKey, null);
    }

    /**
     * @param masterKey wraps the shard-iterator key in the store
     * @param kms       the KMS streams encrypt with after StartStreamEncryption (null: none, see above)
     */
    public KinesisEngine(Store store, Clock clock, KinesisSettings settings, MasterKey masterKey,
                         io.wharf.protocol.crypto.DataKeys kms) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.layout = new KinesisStoreLayout(store);
        this.keyRing = kms == null ? null : new io.wharf.protocol.crypto.DataKeyRing(kms,
                io.wharf.protocol.crypto.DataKeys.NONE, layout.dataKeyStore(store));
        this.iterators = new ShardIterators(Recovery.iteratorKey(store, layout, masterKey));
        this.records = new Records(this);
        this.resharding = new Resharding(this);
        this.scaler = new OnDemandScaler(this);
        this.nextStreamNumber = Recovery.load(this) + 1;
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kinesis-trimmer");
            t.setDaemon(true);
            return t;
        });
        background.scheduleWithFixedDelay(this::maintain, settings.trimIntervalMillis(), settings.trimIntervalMillis(),
                TimeUnit.MILLISECONDS);
    }

    public Records records() {
        return records;
    }

    public Resharding resharding() {
        return resharding;
    }

    long now() {
        return clock.millis();
    }

    // ---------------------------------------------------------------- control-plane plumbing

    /** Runs {@code change} under the control lock, submits what it wrote, and awaits it after unlocking. */
    <T> T change(Function<WriteBatch, T> change) {
        WriteBatch batch = new WriteBatch();
        T result;
        Commit commit;
        control.lock();
        try {
            result = change.apply(batch);
            commit = store.submit(batch);
        } finally {
            control.unlock();
        }
        commit.await();
        return result;
    }

    void persist(Stream s, WriteBatch batch) {
        batch.put(layout.streams, KinesisStoreLayout.streamKey(s.number), KinesisStoreLayout.encodeStream(s));
    }

    /** Every stream's numbers for metrics (not the deleted ones), read without locks. */
    public List<StreamStats> streamStats() {
        long now = now();
        List<StreamStats> stats = new java.util.ArrayList<>(byRef.size());
        for (Stream s : byRef.values()) {
            if (s.gone(now)) {
                continue;
            }
            long age = 0;
            List<Shard> open = s.openShards;
            for (Shard shard : open) {
                age = Math.max(age, shard.lastReadBehindMillis);
            }
            stats.add(new StreamStats(s.ref, s.incomingRecords.sum(), s.incomingBytes.sum(), s.outgoingRecords.sum(),
                    s.outgoingBytes.sum(), age, s.subscriptions.get(), open.size()));
        }
        return stats;
    }

    /** Every open shard's numbers for the Prometheus per-shard series (not the deleted streams'), read without locks. */
    public List<ShardStats> shardStats() {
        long now = now();
        List<ShardStats> stats = new java.util.ArrayList<>();
        for (Stream s : byRef.values()) {
            if (s.gone(now)) {
                continue;
            }
            for (Shard shard : s.openShards) {
                ShardCounters c = shard.counters;
                stats.add(new ShardStats(s.ref, shard.id, c.incomingRecords.sum(), c.incomingBytes.sum(),
                        c.outgoingRecords.sum(), c.outgoingBytes.sum(), shard.lastReadBehindMillis));
            }
        }
        return stats;
    }

    /**
     * Every stream's numbers for the AWS/Kinesis metrics (not the deleted ones). Drains the per-call values and the
     * shards' iterator ages: one reader only, the CloudWatch publisher.
     */
    public List<StreamCounters> drainStreamCounters() {
        long now = now();
        List<StreamCounters> all = new java.util.ArrayList<>(byRef.size());
        for (Stream s : byRef.values()) {
            if (s.gone(now)) {
                continue;
            }
            java.util.Set<String> enhanced;
            control.lock();
            try {
                enhanced = java.util.Set.copyOf(s.metrics);
            } finally {
                control.unlock();
            }
            Map<String, io.wharf.protocol.metrics.Distribution.Summary> perCall = new java.util.TreeMap<>();
            StreamActivity a = s.activity;
            drainPut(perCall, "PutRecord", a.putRecord);
            drainPut(perCall, "PutRecords", a.putRecords);
            drain(perCall, "GetRecords.Bytes", a.getBytes);
            drain(perCall, "GetRecords.Records", a.getRecords);
            drain(perCall, "GetRecords.Latency", a.getLatencyMillis);
            drain(perCall, "GetRecords.IteratorAgeMilliseconds", a.getIteratorAgeMillis);
            drain(perCall, "GetRecords.Success", a.getSuccess);
            List<StreamCounters.ShardTotals> shards = new java.util.ArrayList<>();
            for (Shard shard : s.shards) {
                ShardCounters c = shard.counters;
                shards.add(new StreamCounters.ShardTotals(shard.id, shard.isOpen(), c.incomingRecords.sum(),
                        c.incomingBytes.sum(), c.outgoingRecords.sum(), c.outgoingBytes.sum(), c.writeThrottled.sum(),
                        c.readThrottled.sum(), c.iteratorAgeMillis.drain(), shard.lastReadBehindMillis));
            }
            all.add(new StreamCounters(s.ref, perCall, s.incomingRecords.sum(), s.incomingBytes.sum(), shards,
                    enhanced));
        }
        return all;
    }

    private static void drainPut(Map<String, io.wharf.protocol.metrics.Distribution.Summary> into, String api,
                                 StreamActivity.Put put) {
        drain(into, api + ".Bytes", put.bytes);
        drain(into, api + ".TotalRecords", put.records);
        drain(into, api + ".Latency", put.latencyMillis);
        drain(into, api + ".Success", put.success);
        drain(into, api + ".SuccessfulRecords", put.successfulRecords);
        drain(into, api + ".FailedRecords", put.failedRecords);
        drain(into, api + ".ThrottledRecords", put.throttledRecords);
    }

    private static void drain(Map<String, io.wharf.protocol.metrics.Distribution.Summary> into, String name,
                              io.wharf.protocol.metrics.Distribution values) {
        io.wharf.protocol.metrics.Distribution.Summary summary = values.drain();
        if (summary != null) {
            into.put(name, summary);
        }
    }

    /** A SubscribeToShard subscription of the stream started ({@code +1}) or ended ({@code -1}), for metrics. */
    public void subscriptionChanged(StreamRef ref, int delta) {
        Stream s = byRef.get(ref);
        if (s != null) {
            s.subscriptions.addAndGet(delta);
        }
    }

    /** The stream, whatever its status, unless deleted. */
    Stream find(StreamRef ref, long now) {
        Stream s = byRef.get(ref);
        if (s == null || s.gone(now)) {
            throw KinesisErrors.streamNotFound(ref.name(), ref.account());
        }
        return s;
    }

    /** The stream, which must be ACTIVE (control-plane changes). */
    Stream active(StreamRef ref, long now) {
        Stream s = find(ref, now);
        StreamStatus status = s.status(now);
        if (status != StreamStatus.ACTIVE) {
            throw KinesisErrors.streamInUse(ref.name(), ref.account(), status.name());
        }
        return s;
    }

    /** Marks the stream UPDATING for the configured transition time. */
    void updating(Stream s, long now) {
        if (settings.transitionMillis() > 0) {
            s.status = StreamStatus.UPDATING;
            s.transitionAtMillis = now + settings.transitionMillis();
        } else {
            s.status = StreamStatus.ACTIVE;
        }
    }

    int openShards(String account, String region, long now) {
        int open = 0;
        for (Stream s : byRef.values()) {
            if (s.ref.account().equals(account) && s.ref.region().equals(region) && !s.gone(now)) {
                open += s.openShards.size();
            }
        }
        return open;
    }

    void checkShardLimit(StreamRef ref, int additional, long now) {
        int current = openShards(ref.account(), ref.region(), now);
        if (current + additional > settings.shardLimit()) {
            throw KinesisErrors.shardLimit(ref.account(), ref.region(), current, settings.shardLimit(), additional);
        }
    }

    private int onDemandStreams(String account, String region, long now) {
        int count = 0;
        for (Stream s : byRef.values()) {
            if (s.ref.account().equals(account) && s.ref.region().equals(region) && !s.gone(now)
                    && s.mode.equals("ON_DEMAND")) {
                count++;
            }
        }
        return count;
    }

    /** Forgets a deleted stream: memory now, its records with the batch. Under the control lock. */
    void reap(Stream s, WriteBatch batch) {
        byRef.remove(s.ref, s);
        byNumber.remove(s.number, s);
        byte[] from = KinesisStoreLayout.streamKey(s.number);
        byte[] to = KinesisStoreLayout.streamKeyEnd(s.number);
        batch.delete(layout.streams, from);
        batch.deleteRange(layout.records, from, to);
        batch.deleteRange(layout.arrivals, from, to);
        batch.deleteRange(layout.trimmed, from, to);
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * CreateStream. {@code shardCount} null and {@code mode} null make an on-demand stream (AWS does).
     */
    public void createStream(StreamRef ref, Integer shardCount, String mode, Map<String, String> tags,
                             Integer warmThroughputMiBps, Integer maxRecordKiB) {
        long now = now();
        String streamMode = mode != null ? mode : shardCount == null ? "ON_DEMAND" : "PROVISIONED";
        if (streamMode.equals("PROVISIONED") && shardCount == null) {
            throw KinesisErrors.INVALID_ARGUMENT.error("ShardCount cannot be null when creating stream in PROVISIONED "
                    + "StreamMode.");
        }
        int shards = streamMode.equals("ON_DEMAND") ? settings.onDemandShardCount() : shardCount;
        if (shards > KinesisSettings.MAX_SHARDS_PER_STREAM) {
            throw KinesisErrors.INVALID_ARGUMENT.error("ShardCount " + shards + " exceeds the maximum of "
                    + KinesisSettings.MAX_SHARDS_PER_STREAM + " shards per stream.");
        }
        if (tags.size() > MAX_TAGS) {
            throw KinesisErrors.INVALID_ARGUMENT.error("Failed to create stream " + ref.name() + " under account "
                    + ref.account() + " because a given stream cannot have more than " + MAX_TAGS
                    + " tags associated with it.");
        }
        Tagging.check(ref, tags);
        change(batch -> {
            Stream existing = byRef.get(ref);
            if (existing != null) {
                if (!existing.gone(now)) {
                    throw KinesisErrors.RESOURCE_IN_USE.error("Stream " + ref.name() + " under account "
                            + ref.account() + " already exists.");
                }
                reap(existing, batch);
            }
            checkShardLimit(ref, shards, now);
            if (streamMode.equals("ON_DEMAND")
                    && onDemandStreams(ref.account(), ref.region(), now) >= settings.onDemandStreamLimit()) {
                throw KinesisErrors.LIMIT_EXCEEDED.error("This request would exceed the on-demand stream limit for the "
                        + "account " + ref.account() + " in " + ref.region() + ". Limit: "
                        + settings.onDemandStreamLimit() + ".");
            }
            boolean instant = settings.transitionMillis() == 0;
            Stream s = new Stream(nextStreamNumber++, ref, now, instant ? StreamStatus.ACTIVE : StreamStatus.CREATING,
                    now + settings.transitionMillis());
            s.mode = streamMode;
            s.tags.putAll(tags);
            s.warmThroughputMiBps = warmThroughputMiBps;
            if (maxRecordKiB != null) {
                s.maxRecordKiB = maxRecordKiB;
            }
            List<Shard> all = new ArrayList<>();
            List<HashKeys.Range> ranges = HashKeys.even(shards);
            for (int i = 0; i < shards; i++) {
                all.add(new Shard(i, -1, -1, ranges.get(i), now));
            }
            s.setShards(all);
            byRef.put(ref, s);
            byNumber.put(s.number, s);
            persist(s, batch);
            return null;
        });
    }

    public void deleteStream(StreamRef ref, boolean enforceConsumerDeletion) {
        long now = now();
        change(batch -> {
            Stream s = find(ref, now);
            StreamStatus status = s.status(now);
            if (status == StreamStatus.CREATING || status == StreamStatus.DELETING) {
                throw KinesisErrors.streamInUse(ref.name(), ref.account(), status.name());
            }
            boolean hasConsumers = s.consumers.values().stream().anyMatch(c -> !c.gone(now));
            if (hasConsumers && !enforceConsumerDeletion) {
                throw KinesisErrors.RESOURCE_IN_USE.error("Stream " + ref.name() + " under account " + ref.account()
                        + " has registered consumers. Deregister them first, or set EnforceConsumerDeletion.");
            }
            s.consumers.clear();
            s.status = StreamStatus.DELETING;
            s.transitionAtMillis = now + settings.transitionMillis();
            if (settings.transitionMillis() == 0) {
                reap(s, batch);
            } else {
                persist(s, batch);
            }
            return null;
        });
    }

    /** DescribeStream; {@code limit} shards after {@code exclusiveStartShardId}. */
    public Views.StreamView describe(StreamRef ref, int limit, String exclusiveStartShardId) {
        long now = now();
        control.lock();
        try {
            Stream s = find(ref, now);
            StreamStatus status = s.status(now);
            List<Views.ShardView> shards = new ArrayList<>();
            boolean more = false;
            if (status != StreamStatus.CREATING) {
                int after = exclusiveStartShardId == null ? -1 : Shards.lenientIndex(exclusiveStartShardId);
                for (Shard shard : Shards.visible(s, now)) {
                    if (shard.index <= after) {
                        continue;
                    }
                    if (shards.size() == limit) {
                        more = true;
                        break;
                    }
                    shards.add(Shards.view(shard));
                }
            }
            return view(s, now, shards, more);
        } finally {
            control.unlock();
        }
    }

    public Views.StreamView summary(StreamRef ref) {
        long now = now();
        control.lock();
        try {
            return view(find(ref, now), now, List.of(), false);
        } finally {
            control.unlock();
        }
    }

    private Views.StreamView view(Stream s, long now, List<Views.ShardView> shards, boolean more) {
        int consumers = (int) s.consumers.values().stream().filter(c -> !c.gone(now)).count();
        return new Views.StreamView(s.ref.name(), s.ref.arn(), s.status(now).name(), s.mode, s.retentionHours,
                s.createdMillis, s.encryptionType, s.keyId, List.copyOf(s.metrics), shards, more,
                s.status(now) == StreamStatus.CREATING ? 0 : s.openShards.size(), consumers, s.maxRecordKiB,
                s.warmThroughputMiBps);
    }

    /** ListStreams: names in order after {@code exclusiveStart} (or the token's last name). */
    public Views.StreamPage listStreams(String account, String region, int limit, String exclusiveStart,
                                       String nextToken) {
        long now = now();
        String after = exclusiveStart;
        if (nextToken != null) {
            after = Tokens.decodeListStreams(nextToken, now);
        }
        List<Stream> matching = new ArrayList<>();
        for (Stream s : byRef.values()) {
            if (s.ref.account().equals(account) && s.ref.region().equals(region) && !s.gone(now)
                    && (after == null || s.ref.name().compareTo(after) > 0)) {
                matching.add(s);
            }
        }
        matching.sort(Comparator.comparing(s -> s.ref.name()));
        boolean more = matching.size() > limit;
        List<Views.StreamView> page = new ArrayList<>();
        control.lock();
        try {
            for (Stream s : matching.subList(0, Math.min(limit, matching.size()))) {
                page.add(view(s, now, List.of(), false));
            }
        } finally {
            control.unlock();
        }
        String token = more ? Tokens.encodeListStreams(page.get(page.size() - 1).name(), now) : null;
        return new Views.StreamPage(page, more, token);
    }

    /** ListShards: see {@link Shards#list}. */
    public Views.ShardPage listShards(StreamRef ref, String nextToken, String exclusiveStartShardId, int maxResults,
                                      Long streamCreatedMillis, Shards.Filter filter) {
        return Shards.list(this, ref, nextToken, exclusiveStartShardId, maxResults, streamCreatedMillis, filter);
    }

    // ---------------------------------------------------------------- settings

    public void increaseRetention(StreamRef ref, int hours) {
        retention(ref, hours, true);
    }

    public void decreaseRetention(StreamRef ref, int hours) {
        retention(ref, hours, false);
    }

    private void retention(StreamRef ref, int hours, boolean increase) {
        long now = now();
        if (hours < 24) {
            throw KinesisErrors.INVALID_ARGUMENT.error("Minimum allowed retention period is 24 hours. Requested "
                    + "retention period (" + hours + " hours) is too short.");
        }
        if (hours > 8760) {
            throw KinesisErrors.INVALID_ARGUMENT.error("Maximum allowed retention period is 8760 hours. Requested "
                    + "retention period (" + hours + " hours) is too long.");
        }
        change(batch -> {
            Stream s = active(ref, now);
            if (increase && hours < s.retentionHours) {
                throw KinesisErrors.INVALID_ARGUMENT.error("Requested retention period (" + hours + " hours) for stream "
                        + ref.name() + " can not be shorter than existing retention period (" + s.retentionHours
                        + " hours). Use DecreaseRetentionPeriod API.");
            }
            if (!increase && hours > s.retentionHours) {
                throw KinesisErrors.INVALID_ARGUMENT.error("Requested retention period (" + hours + " hours) for stream "
                        + ref.name() + " can not be longer than existing retention period (" + s.retentionHours
                        + " hours). Use IncreaseRetentionPeriod API.");
            }
            s.retentionHours = hours;
            persist(s, batch);
            return null;
        });
    }

    public void startEncryption(StreamRef ref, String keyId) {
        long now = now();
        if (keyRing != null) {
            try {
                // AWS checks the key at once: a missing or disabled key is refused here, not at the first write
                keyRing.kms().resolve(ref.account(), keyId);
            } catch (io.wharf.protocol.crypto.KmsFailure f) {
                throw KinesisErrors.kms(f);
            }
        }
        change(batch -> {
            Stream s = active(ref, now);
            s.encryptionType = "KMS";
            s.keyId = keyId;
            updating(s, now);
            persist(s, batch);
            return null;
        });
    }

    public void stopEncryption(StreamRef ref) {
        long now = now();
        change(batch -> {
            Stream s = active(ref, now);
            s.encryptionType = "NONE";
            s.keyId = null;
            updating(s, now);
            persist(s, batch);
            return null;
        });
    }

    public Views.MonitoringChange monitoring(StreamRef ref, List<String> metrics, boolean enable) {
        long now = now();
        return change(batch -> {
            Stream s = active(ref, now);
            List<String> current = List.copyOf(s.metrics);
            List<String> named = metrics.contains("ALL") ? ALL_METRICS : metrics;
            if (enable) {
                s.metrics.addAll(named);
            } else {
                named.forEach(s.metrics::remove);
            }
            persist(s, batch);
            return new Views.MonitoringChange(ref.name(), ref.arn(), current, List.copyOf(s.metrics));
        });
    }

    public void updateMaxRecordSize(StreamRef ref, int kib) {
        long now = now();
        change(batch -> {
            Stream s = active(ref, now);
            s.maxRecordKiB = kib;
            persist(s, batch);
            return null;
        });
    }

    public void updateStreamMode(StreamRef ref, String mode, Integer warmThroughputMiBps) {
        long now = now();
        change(batch -> {
            Stream s = active(ref, now);
            if (s.mode.equals(mode)) {
                throw KinesisErrors.INVALID_ARGUMENT.error("Stream " + ref.name() + " under account " + ref.account()
                        + " is already in " + mode + " mode.");
            }
            if (mode.equals("ON_DEMAND")
                    && onDemandStreams(ref.account(), ref.region(), now) >= settings.onDemandStreamLimit()) {
                throw KinesisErrors.LIMIT_EXCEEDED.error("This request would exceed the on-demand stream limit for the "
                        + "account " + ref.account() + " in " + ref.region() + ".");
            }
            s.mode = mode;
            if (warmThroughputMiBps != null) {
                s.warmThroughputMiBps = warmThroughputMiBps;
            }
            updating(s, now);
            persist(s, batch);
            return null;
        });
    }

    /** UpdateStreamWarmThroughput: on-demand streams only. Returns the stream's view after the change. */
    public Views.StreamView updateWarmThroughput(StreamRef ref, int mibps) {
        long now = now();
        return change(batch -> {
            Stream s = active(ref, now);
            if (!s.mode.equals("ON_DEMAND")) {
                throw KinesisErrors.INVALID_ARGUMENT.error("Warm throughput can only be set on ON_DEMAND streams; "
                        + "stream " + ref.name() + " under account " + ref.account() + " is PROVISIONED.");
            }
            s.warmThroughputMiBps = mibps;
            persist(s, batch);
            return view(s, now, List.of(), false);
        });
    }

    // ---------------------------------------------------------------- tags

    public void addTags(StreamRef ref, Map<String, String> tags) {
        long now = now();
        Tagging.check(ref, tags);
        change(batch -> {
            Stream s = active(ref, now);
            Map<String, String> merged = new java.util.HashMap<>(s.tags);
            merged.putAll(tags);
            if (merged.size() > MAX_TAGS) {
                throw KinesisErrors.INVALID_ARGUMENT.error("Failed to add tags to stream " + ref.name()
                        + " under account " + ref.account()
                        + " because a given stream cannot have more than 10 tags associated with it.");
            }
            s.tags.putAll(tags);
            persist(s, batch);
            return null;
        });
    }

    public void removeTags(StreamRef ref, List<String> keys) {
        long now = now();
        change(batch -> {
            Stream s = active(ref, now);
            keys.forEach(s.tags::remove);
            persist(s, batch);
            return null;
        });
    }

    public Views.TagPage listTags(StreamRef ref, String exclusiveStartKey, int limit) {
        long now = now();
        control.lock();
        try {
            Stream s = find(ref, now);
            Map<String, String> page = new java.util.LinkedHashMap<>();
            Map<String, String> rest = exclusiveStartKey == null ? s.tags : s.tags.tailMap(exclusiveStartKey, false);
            for (Map.Entry<String, String> e : rest.entrySet()) {
                if (page.size() == limit) {
                    return new Views.TagPage(page, true);
                }
                page.put(e.getKey(), e.getValue());
            }
            return new Views.TagPage(page, false);
        } finally {
            control.unlock();
        }
    }

    /** TagResource/UntagResource/ListTagsForResource: a stream ARN or a consumer ARN. */
    public void tagResource(String arn, Map<String, String> tags) {
        long now = now();
        Resource r = Resource.parse(arn);
        Tagging.check(r.stream(), tags);
        change(batch -> {
            Stream s = find(r.stream(), now);
            Map<String, String> target = r.consumer() == null ? s.tags : Consumers.find(s, r, now).tags;
            Map<String, String> merged = new java.util.HashMap<>(target);
            merged.putAll(tags);
            if (merged.size() > MAX_TAGS) {
                throw KinesisErrors.LIMIT_EXCEEDED.error("Failed to tag resource " + arn + " because a resource cannot "
                        + "have more than " + MAX_TAGS + " tags associated with it.");
            }
            target.putAll(tags);
            persist(s, batch);
            return null;
        });
    }

    public void untagResource(String arn, List<String> keys) {
        long now = now();
        Resource r = Resource.parse(arn);
        change(batch -> {
            Stream s = find(r.stream(), now);
            Map<String, String> target = r.consumer() == null ? s.tags : Consumers.find(s, r, now).tags;
            keys.forEach(target::remove);
            persist(s, batch);
            return null;
        });
    }

    public Map<String, String> tagsOf(String arn) {
        long now = now();
        Resource r = Resource.parse(arn);
        control.lock();
        try {
            Stream s = find(r.stream(), now);
            Map<String, String> tags = r.consumer() == null ? s.tags : Consumers.find(s, r, now).tags;
            return new java.util.TreeMap<>(tags);
        } finally {
            control.unlock();
        }
    }

    /** The stream a shard iterator was issued for (expired or not), or null when it is not one of ours. */
    public StreamRef streamOfIterator(String shardIterator) {
        try {
            ShardIterators.Position p = iterators.open(shardIterator);
            return new StreamRef(p.account(), p.region(), p.stream());
        } catch (io.wharf.protocol.AwsException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- resource policies

    public void putPolicy(String arn, String policy) {
        long now = now();
        Resource r = Resource.parse(arn);
        change(batch -> {
            Stream s = find(r.stream(), now);
            if (r.consumer() != null) {
                Consumers.find(s, r, now);
            }
            s.policies.put(arn, policy);
            persist(s, batch);
            return null;
        });
    }

    /** The policy, or null when none is set. */
    public String policy(String arn) {
        long now = now();
        Resource r = Resource.parse(arn);
        control.lock();
        try {
            Stream s = find(r.stream(), now);
            if (r.consumer() != null) {
                Consumers.find(s, r, now);
            }
            return s.policies.get(arn);
        } finally {
            control.unlock();
        }
    }

    public void deletePolicy(String arn) {
        long now = now();
        Resource r = Resource.parse(arn);
        change(batch -> {
            Stream s = find(r.stream(), now);
            if (s.policies.remove(arn) == null) {
                throw KinesisErrors.RESOURCE_NOT_FOUND.error("No resource policy found for resource ARN " + arn + ".");
            }
            persist(s, batch);
            return null;
        });
    }

    // ---------------------------------------------------------------- consumers

    public ConsumerView registerConsumer(String streamArn, String name, Map<String, String> tags) {
        long now = now();
        StreamRef ref = StreamRef.parseArn(streamArn);
        Tagging.check(ref, tags);
        return change(batch -> Consumers.register(this, find(ref, now), name, tags, now, batch));
    }

    public ConsumerView describeConsumer(String streamArn, String name, String consumerArn) {
        long now = now();
        control.lock();
        try {
            Resource r = Consumers.resolve(streamArn, name, consumerArn);
            Stream s = find(r.stream(), now);
            return Consumers.find(s, r, now).view(s.ref.arn(), now);
        } finally {
            control.unlock();
        }
    }

    public void deregisterConsumer(String streamArn, String name, String consumerArn) {
        long now = now();
        change(batch -> {
            Resource r = Consumers.resolve(streamArn, name, consumerArn);
            Stream s = find(r.stream(), now);
            Consumer c = Consumers.find(s, r, now);
            if (settings.transitionMillis() == 0) {
                s.consumers.remove(c.name);
            } else {
                c.status = StreamStatus.DELETING;
                c.transitionAtMillis = now + settings.transitionMillis();
            }
            s.policies.remove(c.arn);
            persist(s, batch);
            return null;
        });
    }

    public Views.ConsumerPage listConsumers(String streamArn, int limit, String nextToken) {
        long now = now();
        StreamRef ref = StreamRef.parseArn(streamArn);
        int offset = nextToken == null ? 0 : Tokens.decodeOffset(nextToken, now);
        control.lock();
        try {
            Stream s = find(ref, now);
            List<ConsumerView> all = new ArrayList<>();
            for (Consumer c : s.consumers.values()) {
                if (!c.gone(now)) {
                    all.add(c.view(s.ref.arn(), now));
                }
            }
            int end = Math.min(all.size(), offset + limit);
            List<ConsumerView> page = offset >= all.size() ? List.of() : List.copyOf(all.subList(offset, end));
            return new Views.ConsumerPage(page, end < all.size() ? Tokens.encodeOffset(end, now) : null);
        } finally {
            control.unlock();
        }
    }

    // ---------------------------------------------------------------- account

    public Views.Limits limits(String account, String region) {
        long now = now();
        return new Views.Limits(settings.shardLimit(), openShards(account, region, now),
                onDemandStreams(account, region, now), settings.onDemandStreamLimit());
    }

    public AccountSettings accountSettings(String account, String region) {
        return accounts.getOrDefault(account + '\0' + region, AccountSettings.DISABLED);
    }

    public AccountSettings updateAccountSettings(String account, String region, String status) {
        long now = now();
        return change(batch -> {
            AccountSettings current = accountSettings(account, region);
            AccountSettings next;
            if (status.equals("ENABLED")) {
                next = current.status().startsWith("ENABLED") ? new AccountSettings("ENABLED",
                        current.startedAtMillis(), -1, current.earliestAllowedEndAtMillis())
                        : new AccountSettings("ENABLED", now, -1, now + 365L * 24 * 3_600_000L);
            } else if (current.status().equals("DISABLED")) {
                next = current;
            } else if (now < current.earliestAllowedEndAtMillis()) {
                next = new AccountSettings("ENABLED_UNTIL_EARLIEST_ALLOWED_END", current.startedAtMillis(),
                        current.earliestAllowedEndAtMillis(), current.earliestAllowedEndAtMillis());
            } else {
                next = new AccountSettings("DISABLED", current.startedAtMillis(), now, current.earliestAllowedEndAtMillis());
            }
            accounts.put(account + '\0' + region, next);
            batch.put(layout.accounts, KinesisStoreLayout.accountKey(account, region), KinesisStoreLayout.encodeAccount(next));
            return next;
        });
    }

    // ---------------------------------------------------------------- background

    /** One maintenance pass: reap deleted streams and consumers, trim expired records. Public for tests. */
    public void maintain() {
        try {
            long now = now();
            change(batch -> {
                for (Stream s : List.copyOf(byRef.values())) {
                    if (s.gone(now)) {
                        reap(s, batch);
                    } else if (s.consumers.values().removeIf(c -> c.gone(now))) {
                        persist(s, batch);
                    }
                }
                return null;
            });
            for (Stream s : List.copyOf(byNumber.values())) {
                records.trim(s, now);
            }
        } catch (RuntimeException e) {
            LOG.error("Kinesis maintenance pass failed", e);
        }
    }

    @Override
    public void close() {
        background.shutdownNow();
        try {
            background.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
