package io.wharf.firehose.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.firehose.DeliveryFailure;
import io.wharf.firehose.ObjectSink;
import io.wharf.storage.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The delivery worker: one virtual thread that wakes when records arrive or a buffer's interval is due (by the
 * engine's clock) and hands each stream with a due batch to a virtual thread of its own, which freezes a batch (the oldest records of a partition, up to SizeInMBs) once the
 * partition holds SizeInMBs or its oldest record is IntervalInSeconds old (0 = at once), writes it as one object
 * through the {@link ObjectSink}, and only then deletes its records from the store. A failed write keeps the batch
 * (same key, same records) and retries it after a backoff (1 s doubling to 60 s) for as long as it takes: nothing is
 * dropped.
 */
final class Delivery implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Delivery.class);
    static final long MIB = 1024L * 1024;
    private static final long MAX_BACKOFF_MILLIS = 60_000;
    /** Upper bound on a wait, so a clock that jumps (tests' manual clocks) is noticed. */
    private static final long MAX_WAIT_MILLIS = 1_000;

    private final FirehoseEngine engine;
    private final ObjectSink sink;
    private final io.wharf.firehose.OutboundHttp http;
    private final Processing processing;
    private final Object signal = new Object();
    private boolean signalled;
    private volatile boolean closed;
    private Thread worker;
    private final java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("firehose-deliver-", 0).factory());

    Delivery(FirehoseEngine engine, ObjectSink sink, io.wharf.firehose.OutboundHttp http) {
        this.engine = engine;
        this.sink = sink;
        this.http = http;
        this.processing = new Processing(http, engine.settings.lambdaEndpoints(), engine.clock);
    }

    void start() {
        worker = Thread.ofVirtual().name("firehose-delivery").start(this::run);
    }

    void wake() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    private void run() {
        while (!closed) {
            try {
                dispatchDue();
            } catch (RuntimeException e) {
                log.warn("Firehose delivery pass failed; retrying", e);
            }
            synchronized (signal) {
                if (!signalled && !closed) {
                    try {
                        signal.wait(Math.max(10, Math.min(MAX_WAIT_MILLIS, nextDueInMillis())));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                signalled = false;
            }
        }
    }

    /** How long until the earliest buffer is due (a large number when none is). */
    private long nextDueInMillis() {
        long now = engine.now();
        long earliest = Long.MAX_VALUE;
        for (DeliveryStream s : engine.streams.values()) {
            s.lock.lock();
            try {
                if (s.delivering || s.deletingSinceMillis >= 0 || (s.partitions.isEmpty() && s.pending == null)) {
                    continue;
                }
                Target t = Target.of(s);
                long due = s.pending != null ? s.nextAttemptMillis : Long.MAX_VALUE;
                for (Deque<BufferedRecord> records : s.partitions.values()) {
                    if (!records.isEmpty()) {
                        due = Math.min(due, Math.max(s.nextAttemptMillis,
                                records.peekFirst().arrivalMillis() + t.intervalMillis()));
                    }
                }
                earliest = Math.min(earliest, due);
            } finally {
                s.lock.unlock();
            }
        }
        return earliest == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, earliest - now);
    }

    /** Adds a record to its partition's buffer; the caller holds the stream's lock. */
    static void buffer(DeliveryStream s, BufferedRecord record) {
        s.partition("").addLast(record);
        s.bufferedBytes += record.data().length;
        s.bufferedRecords++;
        s.nextSequence = Math.max(s.nextSequence, record.sequence() + 1);
    }

    /**
     * Hands each stream with a due batch to a virtual thread of its own, which delivers batches until none is due or
     * one fails: a slow destination (an HTTP endpoint taking minutes) holds up only its own stream.
     */
    private void dispatchDue() {
        for (DeliveryStream s : List.copyOf(engine.streams.values())) {
            Batch first = freeze(s);
            if (first == null) {
                continue;
            }
            try {
                workers.execute(() -> {
                    try {
                        Batch batch = first;
                        while (batch != null && deliver(s, batch)) {
                            batch = freeze(s);
                        }
                    } finally {
                        wake(); // the next due time may have changed (a retry scheduled, a batch left)
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                release(s); // closing: the batch stays pending, its records in the store
            }
        }
    }

    private void release(DeliveryStream s) {
        s.lock.lock();
        try {
            s.delivering = false;
        } finally {
            s.lock.unlock();
        }
    }

    /** Delivers every due batch of every stream on this thread; returns how many batches were written. */
    int deliverDue() {
        int objects = 0;
        for (DeliveryStream s : List.copyOf(engine.streams.values())) {
            while (true) {
                Batch batch = freeze(s);
                if (batch == null) {
                    break;
                }
                if (!deliver(s, batch)) {
                    break;
                }
                objects++;
            }
        }
        return objects;
    }

    /**
     * A frozen batch: its records, the stream as it was when frozen, and — once rendered — the outputs that carry
     * the records (kept across retries, so a retry writes the same keys; {@code done} of them are written).
     */
    static final class Batch {
        final List<BufferedRecord> records;
        final Processing.StreamSnapshot stream;
        List<Outputs.Output> outputs;
        int done;

        Batch(List<BufferedRecord> records, Processing.StreamSnapshot stream) {
            this.records = records;
            this.stream = stream;
        }
    }

    /** The stream's due batch (a pending retry, or a new one from a due partition), or null; marks it delivering. */
    private Batch freeze(DeliveryStream s) {
        s.lock.lock();
        try {
            long now = engine.now();
            if (s.delivering || s.deletingSinceMillis >= 0 || now < s.nextAttemptMillis) {
                return null;
            }
            if (s.pending != null) {
                s.delivering = true;
                return s.pending;
            }
            Target target = Target.of(s);
            for (Map.Entry<String, Deque<BufferedRecord>> partition : s.partitions.entrySet()) {
                Deque<BufferedRecord> records = partition.getValue();
                if (records.isEmpty()) {
                    continue;
                }
                long bytes = 0;
                for (BufferedRecord r : records) {
                    bytes += r.data().length;
                    if (bytes >= target.sizeBytes()) {
                        break;
                    }
                }
                boolean full = bytes >= target.sizeBytes();
                boolean old = now >= records.peekFirst().arrivalMillis() + target.intervalMillis();
                if (!full && !old) {
                    continue;
                }
                List<BufferedRecord> taken = new ArrayList<>();
                long takenBytes = 0;
                while (!records.isEmpty() && (taken.isEmpty()
                        || takenBytes + records.peekFirst().data().length <= target.sizeBytes())) {
                    BufferedRecord r = records.pollFirst();
                    taken.add(r);
                    takenBytes += r.data().length;
                }
                s.bufferedBytes -= takenBytes;
                s.bufferedRecords -= taken.size();
                Batch batch = new Batch(List.copyOf(taken), new Processing.StreamSnapshot(s.name, s.arn(), s.region,
                        s.version, s.destinationMember, s.destination.deepCopy()));
                s.pending = batch;
                s.delivering = true;
                return batch;
            }
            return null;
        } finally {
            s.lock.unlock();
        }
    }

    /** Writes the batch; on success deletes its records (awaited) and returns true; on failure schedules a retry. */
    private boolean deliver(DeliveryStream s, Batch batch) {
        try {
            if (batch.outputs == null) {
                batch.outputs = Outputs.render(processing, batch.stream, batch.records,
                        engine.settings.searchEndpoints());
            }
            while (batch.done < batch.outputs.size()) {
                write(batch, batch.outputs.get(batch.done));
                batch.done++;
            }
        } catch (DeliveryFailure | RuntimeException e) {
            s.lock.lock();
            try {
                s.delivering = false;
                s.failedAttempts++;
                s.counters.deliveryFailures.incrementAndGet();
                long backoff = Math.min(MAX_BACKOFF_MILLIS, 1000L << Math.min(16, s.failedAttempts - 1));
                s.nextAttemptMillis = engine.now() + backoff;
            } finally {
                s.lock.unlock();
            }
            String code = e instanceof DeliveryFailure f ? f.errorCode() : "InternalError";
            log.debug("Firehose {}: delivering {} record(s) failed ({}: {}); retrying", s.name,
                    batch.records.size(), code, e.getMessage());
            if (e instanceof RuntimeException && !(e instanceof io.wharf.storage.StorageException)) {
                log.warn("Firehose {}: delivery failed unexpectedly; retrying", s.name, e);
            }
            return false;
        }
        io.wharf.storage.Commit commit;
        s.lock.lock();
        try {
            WriteBatch delete = new WriteBatch();
            for (BufferedRecord r : batch.records) {
                delete.delete(engine.recordsSpace, FirehoseStoreLayout.recordKey(s.id, r.sequence()));
            }
            commit = engine.store.submit(delete);
            s.pending = null;
            s.delivering = false;
            s.failedAttempts = 0;
            s.nextAttemptMillis = 0;
            s.counters.objectsDelivered.addAndGet(batch.outputs.size());
            s.counters.recordsDelivered.addAndGet(batch.records.size());
            long bytes = 0;
            for (BufferedRecord r : batch.records) {
                bytes += r.data().length;
            }
            s.counters.bytesDelivered.addAndGet(bytes);
        } finally {
            s.lock.unlock();
        }
        commit.await();
        return true;
    }

    private void write(Batch batch, Outputs.Output output) throws DeliveryFailure {
        switch (output) {
            case Outputs.S3Object o -> sink.put(o.bucketArn(), o.key(), new ByteArrayInputStream(o.content()),
                    o.content().length, null);
            case Outputs.HttpPost post -> HttpEndpoint.deliver(post, http, engine.now(), sink);
            case Documents.DocumentPost post -> Documents.deliver(post, http, engine.now(), sink);
        }
    }

    @Override
    public void close() {
        closed = true;
        wake();
        try {
            if (worker != null) {
                worker.join(5_000);
            }
            workers.shutdown();
            if (!workers.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
                workers.shutdownNow(); // an attempt still running: its records stay in the store
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Where and how a stream's records are written: the S3 part of its destination (the destination itself for
     * S3/ExtendedS3; its S3Configuration for the others, see docs/compatibility.md), buffering, compression, naming.
     */
    record Target(ObjectNode s3, String member, long sizeBytes, long intervalMillis) {
        static Target of(DeliveryStream s) {
            ObjectNode destination = s.destination;
            ObjectNode s3 = Destinations.deliversToS3(s.destinationMember) ? destination
                    : destination.get("S3Configuration") instanceof ObjectNode o ? o : destination;
            JsonNode hints = destination.get("BufferingHints");
            if (hints == null || hints.isNull()) {
                hints = s3.get("BufferingHints");
            }
            long size = hints == null ? 5 : hints.path("SizeInMBs").asLong(5);
            long interval = hints == null ? 300 : hints.path("IntervalInSeconds").asLong(300);
            return new Target(s3, s.destinationMember, size * MIB, interval * 1000);
        }

        /** The AppendDelimiterToRecord processor's delimiter (base64 parameter, default newline), or null. */
        static byte[] appendDelimiter(ObjectNode destination) {
            JsonNode processing = destination.get("ProcessingConfiguration");
            if (!Destinations.enabled(processing)) {
                return null;
            }
            for (JsonNode processor : processing.path("Processors")) {
                if (processor.path("Type").asText().equals("AppendDelimiterToRecord")) {
                    for (JsonNode parameter : processor.path("Parameters")) {
                        if (parameter.path("ParameterName").asText().equals("Delimiter")) {
                            return Base64.getDecoder().decode(parameter.path("ParameterValue").asText());
                        }
                    }
                    return new byte[] {'\n'};
                }
            }
            return null;
        }
    }
}
