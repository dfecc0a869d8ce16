package io.wharf.firehose.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.firehose.FirehoseErrors;
import io.wharf.firehose.FirehoseSettings;
import io.wharf.firehose.KinesisSource;
import io.wharf.firehose.ObjectSink;
import io.wharf.firehose.OutboundHttp;
import io.wharf.protocol.crypto.DataKeys;
import io.wharf.protocol.crypto.KmsFailure;
import io.wharf.storage.KeySpace;
import io.wharf.storage.Store;
import io.wharf.storage.WriteBatch;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Firehose's domain: delivery streams (lifecycle, destination versions, tags, encryption), the durable intake of
 * records and — through {@link Delivery} — their buffered delivery. Pure Java over the {@link Store} and an injected
 * {@link Clock}; every change an answer depends on is awaited in the store before the method returns.
 */
public final class FirehoseEngine implements AutoCloseable {
    public static final String DESTINATION_ID = "destinationId-000000000001";
    /** PutRecordBatch: at most 4 MiB of data per call (AWS hard limit). */
    static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;
    /** CreateDeliveryStream's source configuration members. */
    public static final List<String> SOURCE_MEMBERS = List.of("DirectPutSourceConfiguration",
            "KinesisStreamSourceConfiguration", "MSKSourceConfiguration", "DatabaseSourceConfiguration");
    /** CreateDeliveryStream's destination configuration members. */
    public static final List<String> DESTINATION_MEMBERS = Destinations.MEMBERS;
    /** UpdateDestination's destination update members. */
    public static final List<String> UPDATE_MEMBERS = Destinations.MEMBERS.stream().map(Destinations.UPDATE_OF::get)
            .toList();

    final Store store;
    final Clock clock;
    final FirehoseSettings settings;
    final KeySpace streamsSpace;
    final KeySpace recordsSpace;
    final KeySpace checkpointsSpace;
    private final DataKeys kms;
    private final SecureRandom random = new SecureRandom();
    private final Object createLock = new Object();
    /** account/region/name → stream (DELETING ones stay until their transition ends). */
    final Map<String, DeliveryStream> streams = new ConcurrentHashMap<>();
    private final Delivery delivery;
    private final KinesisIntake intake;
    private Thread sourcePoller;
    private volatile boolean closed;

    public FirehoseEngine(Store store, Clock clock, FirehoseSettings settings, DataKeys kms, ObjectSink sink,
                          OutboundHttp http, KinesisSource kinesis) {
        this(store, clock, settings, kms, sink, http, kinesis, true);
    }

    /** A test engine without Kinesis source. */
    public FirehoseEngine(Store store, Clock clock, FirehoseSettings settings, DataKeys kms, ObjectSink sink,
                          OutboundHttp http, boolean background) {
        this(store, clock, settings, kms, sink, http, KinesisSource.NONE, background);
    }

    /**
     * @param background whether the delivery and source threads run; without them, {@link #deliverDue()} delivers
     *                   and {@link #pollSources()} reads the Kinesis sources (tests)
     */
    public FirehoseEngine(Store store, Clock clock, FirehoseSettings settings, DataKeys kms, ObjectSink sink,
                          OutboundHttp http, KinesisSource kinesis, boolean background) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.kms = kms;
        this.streamsSpace = store.keySpace(FirehoseStoreLayout.STREAMS);
        this.recordsSpace = store.keySpace(FirehoseStoreLayout.RECORDS);
        this.checkpointsSpace = store.keySpace(FirehoseStoreLayout.CHECKPOINTS);
        Recovery.load(this);
        this.delivery = new Delivery(this, sink, http);
        this.intake = new KinesisIntake(this, kinesis);
        if (background) {
            delivery.start();
            sourcePoller = Thread.ofVirtual().name("firehose-kinesis-source").start(this::pollLoop);
        }
    }

    static String key(String account, String region, String name) {
        return account + "/" + region + "/" + name;
    }

    long now() {
        return clock.millis();
    }

    // ------------------------------------------------------------------------------------------ lifecycle

    /** What CreateDeliveryStream asks for, its configuration members as the model shapes them. */
    public record CreateCommand(String name, String account, String region, String type, String sourceMember,
                                ObjectNode source, String destinationMember, ObjectNode destination,
                                String encryptionKeyType, String encryptionKeyArn, Map<String, String> tags) {
    }

    public String create(CreateCommand c) {
        String type = c.type() == null ? "DirectPut" : c.type();
        Validation.checkCreate(c, type);
        ObjectNode destination = Destinations.withDefaults(c.destinationMember(), c.destination());
        Validation.checkDestination(c.destinationMember(), destination);
        Documents.check(c.destinationMember(), destination, settings.searchEndpoints());
        DeliveryStream.Encryption encryption = null;
        if (c.encryptionKeyType() != null) {
            String keyArn = checkKey(c.account(), c.encryptionKeyType(), c.encryptionKeyArn());
            encryption = new DeliveryStream.Encryption(c.encryptionKeyType(), keyArn, true, now());
        }
        io.wharf.storage.Commit commit;
        DeliveryStream stream;
        synchronized (createLock) {
            String key = key(c.account(), c.region(), c.name());
            if (streams.containsKey(key)) {
                throw FirehoseErrors.streamExists(c.name(), c.account());
            }
            long count = streams.values().stream().filter(s -> s.account.equals(c.account())
                    && s.region.equals(c.region())).count();
            if (count >= settings.streamLimit()) {
                throw FirehoseErrors.LIMIT_EXCEEDED.error("You have already consumed your limit of "
                        + settings.streamLimit() + " Firehose streams in account " + c.account() + ".");
            }
            long now = now();
            stream = new DeliveryStream(HexFormat.of().formatHex(randomBytes(8)), c.name(), c.account(), c.region(),
                    type, now);
            stream.activeAtMillis = now + settings.transitionMillis();
            stream.sourceMember = c.sourceMember();
            stream.source = c.source();
            if (stream.source != null && "KinesisStreamSourceConfiguration".equals(c.sourceMember())) {
                stream.source.put("DeliveryStartTimestamp", now);
            }
            stream.destinationMember = c.destinationMember();
            stream.destination = destination;
            stream.encryption = encryption;
            stream.tags.putAll(c.tags());
            commit = store.submit(new WriteBatch().put(streamsSpace, FirehoseStoreLayout.streamKey(stream.id),
                    StreamRecord.encode(stream)));
            streams.put(key, stream);
        }
        commit.await();
        return stream.arn();
    }

    public void delete(String name, String account, String region, boolean allowForceDelete) {
        DeliveryStream s = find(name, account, region);
        io.wharf.storage.Commit commit;
        s.lock.lock();
        try {
            long now = now();
            if (s.status(now).equals("CREATING") && !allowForceDelete) {
                throw FirehoseErrors.RESOURCE_IN_USE.error("Firehose " + name + " under account " + account
                        + " is in CREATING state and cannot be deleted.");
            }
            if (s.deletingSinceMillis >= 0) {
                return;
            }
            s.deletingSinceMillis = now;
            commit = store.submit(new WriteBatch()
                    .delete(streamsSpace, FirehoseStoreLayout.streamKey(s.id))
                    .deleteRange(recordsSpace, FirehoseStoreLayout.recordKey(s.id, 0), FirehoseStoreLayout.recordsEnd(s.id))
                    .deleteRange(checkpointsSpace, FirehoseStoreLayout.checkpointKey(s.id, ""),
                            FirehoseStoreLayout.checkpointsEnd(s.id)));
            s.partitions.clear();
            s.bufferedBytes = 0;
            s.bufferedRecords = 0;
        } finally {
            s.lock.unlock();
        }
        commit.await();
    }

    /** The stream, or ResourceNotFoundException; a DELETING one whose transition ended is forgotten here. */
    DeliveryStream find(String name, String account, String region) {
        String key = key(account, region, name);
        DeliveryStream s = streams.get(key);
        if (s != null && s.deletingSinceMillis >= 0 && now() >= s.deletingSinceMillis + settings.transitionMillis()) {
            streams.remove(key, s);
            s = null;
        }
        if (s == null) {
            throw FirehoseErrors.streamNotFound(name, account);
        }
        return s;
    }

    /** A stream as DescribeDeliveryStream shows it. */
    public record StreamView(String name, String arn, String status, String type, int version, long createdMillis,
                             long lastUpdateMillis, String sourceMember, ObjectNode source, String destinationMember,
                             ObjectNode destination, String encryptionKeyType, String encryptionKeyArn,
                             String encryptionStatus) {
    }

    public StreamView describe(String name, String account, String region) {
        DeliveryStream s = find(name, account, region);
        s.lock.lock();
        try {
            long now = now();
            DeliveryStream.Encryption e = s.encryption;
            return new StreamView(s.name, s.arn(), s.status(now), s.type, s.version, s.createdMillis,
                    s.lastUpdateMillis, s.sourceMember, s.source == null ? null : s.source.deepCopy(),
                    s.destinationMember, s.destination.deepCopy(), e == null ? null : e.keyType(),
                    e == null ? null : e.keyArn(),
                    e == null ? "DISABLED" : e.status(now, settings.transitionMillis()));
        } finally {
            s.lock.unlock();
        }
    }

    /** One page of ListDeliveryStreams: names in order, and whether more follow. */
    public record Page(List<String> names, boolean hasMore) {
    }

    public Page list(String account, String region, String type, String exclusiveStart, Integer limit) {
        int max = limit == null ? 10 : limit;
        long now = now();
        List<String> names = streams.values().stream()
                .filter(s -> s.account.equals(account) && s.region.equals(region))
                .filter(s -> s.deletingSinceMillis < 0 || now < s.deletingSinceMillis + settings.transitionMillis())
                .filter(s -> type == null || s.type.equals(type))
                .map(s -> s.name)
                .filter(n -> exclusiveStart == null || n.compareTo(exclusiveStart) > 0)
                .sorted().toList();
        return new Page(names.subList(0, Math.min(max, names.size())), names.size() > max);
    }

    /** UpdateDestination: version checked, same kind merged, another replaced; bumps the version. */
    public void updateDestination(String name, String account, String region, String currentVersion,
                                  String destinationId, String updateMember, ObjectNode update) {
        DeliveryStream s = find(name, account, region);
        io.wharf.storage.Commit commit;
        s.lock.lock();
        try {
            requireActive(s);
            if (!String.valueOf(s.version).equals(stripZeros(currentVersion))) {
                throw FirehoseErrors.CONCURRENT_MODIFICATION.error("Cannot update firehose: " + name
                        + " since the current version id: " + s.version + " and specified version id: "
                        + currentVersion + " do not match");
            }
            if (!DESTINATION_ID.equals(destinationId)) {
                throw FirehoseErrors.INVALID_ARGUMENT.error("Destination " + destinationId + " not found for Firehose "
                        + name + " under account " + account + ".");
            }
            String newMember = Destinations.configurationOfUpdate(updateMember);
            boolean sameKind = newMember.equals(s.destinationMember)
                    || (Destinations.deliversToS3(newMember) && Destinations.deliversToS3(s.destinationMember));
            String resultMember = sameKind ? s.destinationMember : newMember;
            ObjectNode merged = Destinations.withDefaults(resultMember,
                    Destinations.merge(s.destination, update, sameKind));
            Destinations.checkUpdate(s.destinationMember, resultMember, s.destination, merged);
            Validation.checkDestination(resultMember, merged);
            Documents.check(resultMember, merged, settings.searchEndpoints());
            if (!sameKind) {
                Validation.checkRequired(resultMember, merged);
            }
            s.destinationMember = resultMember;
            s.destination = merged;
            s.version++;
            s.lastUpdateMillis = now();
            commit = persist(s);
        } finally {
            s.lock.unlock();
        }
        commit.await();
    }

    private static String stripZeros(String version) {
        String stripped = version.replaceFirst("^0+(?=\\d)", "");
        return stripped;
    }

    // ------------------------------------------------------------------------------------------ tags

    public void tag(String name, String account, String region, Map<String, String> tags) {
        DeliveryStream s = find(name, account, region);
        io.wharf.storage.Commit commit;
        s.lock.lock();
        try {
            Map<String, String> merged = new LinkedHashMap<>(s.tags);
            merged.putAll(tags);
            if (merged.size() > 50) {
                throw FirehoseErrors.LIMIT_EXCEEDED.error("Tag limit exceeded: a Firehose stream can have at most 50 "
                        + "tags.");
            }
            s.tags.putAll(tags);
            commit = persist(s);
        } finally {
            s.lock.unlock();
        }
        commit.await();
    }

    public void untag(String name, String account, String region, List<String> keys) {
        DeliveryStream s = find(name, account, region);
        io.wharf.storage.Commit commit;
        s.lock.lock();
        try {
            keys.forEach(s.tags::remove);
            commit = persist(s);
        } finally {
            s.lock.unlock();
        }
        commit.await();
    }

    /** Tags after {@code exclusiveStartKey} in key order, at most {@code limit}; and whether more follow. */
    public record TagPage(Map<String, String> tags, boolean hasMore) {
    }

    public TagPage listTags(String name, String account, String region, String exclusiveStartKey, Integer limit) {
        DeliveryStream s = find(name, account, region);
        int max = limit == null ? 50 : limit;
        s.lock.lock();
        try {
            List<String> keys = s.tags.keySet().stream().sorted()
                    .filter(k -> exclusiveStartKey == null || k.compareTo(exclusiveStartKey) > 0).toList();
            Map<String, String> page = new LinkedHashMap<>();
            keys.stream().limit(max).forEach(k -> page.put(k, s.tags.get(k)));
            return new TagPage(page, keys.size() > max);
        } finally {
            s.lock.unlock();
        }
    }

    /** The tags of the stream with this ARN (aws:ResourceTag); empty when there is none. */
    public Map<String, String> tagsOf(String arn) {
        for (DeliveryStream s : streams.values()) {
            if (s.arn().equals(arn)) {
                s.lock.lock();
                try {
                    return Map.copyOf(s.tags);
                } finally {
                    s.lock.unlock();
                }
            }
        }
        return Map.of();
    }

    // ------------------------------------------------------------------------------------------ encryption

    public void startEncryption(String name, String account, String region, String keyType, String keyArn) {
        DeliveryStream s = find(name, account, region);
        if (!s.type.equals("DirectPut")) {
            throw FirehoseErrors.INVALID_ARGUMENT.error("Server-side encryption is not supported for delivery "
                    + "streams of type " + s.type + ".");
        }
        String type = keyType == null ? "AWS_OWNED_CMK" : keyType;
        String resolved = checkKey(account, type, keyArn);
        io.wharf.storage.Commit commit;
        s.lock.lock();
        try {
            requireActive(s);
            s.encryption = new DeliveryStream.Encryption(type, resolved, true, now());
            commit = persist(s);
        } finally {
            s.lock.unlock();
        }
        commit.await();
    }

    public void stopEncryption(String name, String account, String region) {
        DeliveryStream s = find(name, account, region);
        if (!s.type.equals("DirectPut")) {
            throw FirehoseErrors.INVALID_ARGUMENT.error("Server-side encryption is not supported for delivery "
                    + "streams of type " + s.type + ".");
        }
        io.wharf.storage.Commit commit;
        s.lock.lock();
        try {
            requireActive(s);
            if (s.encryption == null || !s.encryption.enabled()) {
                return;
            }
            s.encryption = new DeliveryStream.Encryption(s.encryption.keyType(), s.encryption.keyArn(), false, now());
            commit = persist(s);
        } finally {
            s.lock.unlock();
        }
        commit.await();
    }

    /** CUSTOMER_MANAGED_CMK needs a KeyARN KMS resolves; AWS_OWNED_CMK takes none. Returns the key's ARN or null. */
    private String checkKey(String account, String keyType, String keyArn) {
        if (keyType.equals("CUSTOMER_MANAGED_CMK")) {
            if (keyArn == null) {
                throw FirehoseErrors.INVALID_ARGUMENT.error("KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK.");
            }
            try {
                return kms.resolve(account, keyArn);
            } catch (KmsFailure e) {
                throw FirehoseErrors.kms(e);
            }
        }
        if (keyArn != null) {
            throw FirehoseErrors.INVALID_ARGUMENT.error("KeyARN must not be specified when KeyType is AWS_OWNED_CMK.");
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ intake

    /** One record's outcome: its RecordId, or an error code and message (PutRecordBatch entries). */
    public record PutResult(String recordId, String errorCode, String errorMessage) {
    }

    /** PutRecord(Batch)'s answer. */
    public record PutOutcome(List<PutResult> results, int failed, boolean encrypted) {
    }

    /**
     * Appends the records to the stream's buffer, durably, before answering: every record answered with a RecordId
     * is in the store. A batch larger than 4 MiB fails whole (InvalidArgumentException, ours).
     */
    public PutOutcome put(String name, String account, String region, List<byte[]> records) {
        DeliveryStream s = find(name, account, region);
        long total = 0;
        for (byte[] r : records) {
            total += r.length;
        }
        if (total > MAX_BATCH_BYTES) {
            throw FirehoseErrors.INVALID_ARGUMENT.error("Records size exceeds 4 MB limit");
        }
        io.wharf.storage.Commit commit;
        List<PutResult> results = new ArrayList<>(records.size());
        boolean encrypted;
        s.lock.lock();
        try {
            if (!s.type.equals("DirectPut")) {
                throw FirehoseErrors.INVALID_ARGUMENT.error("This operation is not permitted on " + s.type
                        + " delivery stream type.");
            }
            requireActive(s);
            long now = now();
            encrypted = s.encryption != null && s.encryption.enabled();
            WriteBatch batch = new WriteBatch();
            for (byte[] data : records) {
                long sequence = s.nextSequence++;
                batch.put(recordsSpace, FirehoseStoreLayout.recordKey(s.id, sequence),
                        FirehoseStoreLayout.recordValue(now, data));
                Delivery.buffer(s, new BufferedRecord(sequence, now, data));
                results.add(new PutResult(recordId(s, sequence), null, null));
                s.counters.recordsIn.incrementAndGet();
                s.counters.bytesIn.addAndGet(data.length);
            }
            commit = store.submit(batch);
        } finally {
            s.lock.unlock();
        }
        commit.await();
        delivery.wake();
        return new PutOutcome(results, 0, encrypted);
    }

    /** An opaque id, unique per record: the stream's id, the sequence and random bytes, base64. */
    private String recordId(DeliveryStream s, long sequence) {
        byte[] id = new byte[48];
        System.arraycopy(HexFormat.of().parseHex(s.id), 0, id, 0, 8);
        for (int i = 0; i < 8; i++) {
            id[8 + i] = (byte) (sequence >>> (56 - 8 * i));
        }
        byte[] rest = randomBytes(32);
        System.arraycopy(rest, 0, id, 16, 32);
        return Base64.getEncoder().encodeToString(id);
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private void requireActive(DeliveryStream s) {
        String status = s.status(now());
        if (!status.equals("ACTIVE")) {
            throw FirehoseErrors.notActive(s.name, s.account, status);
        }
    }

    io.wharf.storage.Commit persist(DeliveryStream s) {
        return store.submit(new WriteBatch().put(streamsSpace, FirehoseStoreLayout.streamKey(s.id),
                StreamRecord.encode(s)));
    }

    // ------------------------------------------------------------------------------------------ delivery

    /** Runs one delivery pass now, on this thread: every stream whose buffer is due is delivered (tests). */
    public int deliverDue() {
        return delivery.deliverDue();
    }

    /** The stream's counters; ResourceNotFoundException when it does not exist. */
    public StreamCounters.Snapshot counters(String name, String account, String region) {
        DeliveryStream s = find(name, account, region);
        s.lock.lock();
        try {
            StreamCounters c = s.counters;
            return new StreamCounters.Snapshot(c.recordsIn.get(), c.bytesIn.get(), c.objectsDelivered.get(),
                    c.recordsDelivered.get(), c.deliveryFailures.get(), s.bufferedRecords, s.bufferedBytes);
        } finally {
            s.lock.unlock();
        }
    }

    /** Every delivery stream's totals for the AWS/Firehose metrics (those being deleted too, until gone). */
    public java.util.List<StreamCounters.Totals> totals() {
        java.util.List<StreamCounters.Totals> all = new java.util.ArrayList<>();
        for (DeliveryStream s : streams.values()) {
            s.lock.lock();
            try {
                long oldest = -1;
                if (s.pending != null && !s.pending.records.isEmpty()) {
                    oldest = s.pending.records.get(0).arrivalMillis();
                }
                for (java.util.Deque<BufferedRecord> partition : s.partitions.values()) {
                    BufferedRecord first = partition.peekFirst();
                    if (first != null && (oldest < 0 || first.arrivalMillis() < oldest)) {
                        oldest = first.arrivalMillis();
                    }
                }
                StreamCounters c = s.counters;
                all.add(new StreamCounters.Totals(s.name, s.account, s.region, s.destinationMember, c.recordsIn.get(),
                        c.bytesIn.get(), c.objectsDelivered.get(), c.recordsDelivered.get(), c.bytesDelivered.get(),
                        c.deliveryFailures.get(), oldest));
            } finally {
                s.lock.unlock();
            }
        }
        return all;
    }

    /** Reads what is new in every Kinesis source now, on this thread; returns the records buffered (tests). */
    public int pollSources() {
        return intake.poll();
    }

    void wakeDelivery() {
        delivery.wake();
    }

    private void pollLoop() {
        while (!closed) {
            try {
                intake.poll();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(FirehoseEngine.class).warn("Firehose source poll failed", e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (sourcePoller != null) {
            sourcePoller.interrupt();
            try {
                sourcePoller.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        delivery.close();
    }
}
