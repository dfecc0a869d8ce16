package io.wharf.firehose.engine;

import io.wharf.firehose.KinesisSource;
import io.wharf.storage.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the source stream of each KinesisStreamAsSource delivery stream into its buffer: every shard in lineage
 * order (a child only once its parents are read to their end), from the oldest record on but only records that
 * arrived at or after the stream's DeliveryStartTimestamp (AWS starts a new delivery stream at its creation time).
 * The records and the shard's new checkpoint go into the store in one batch, so a crash never skips or — beyond
 * the last unwritten page — repeats records. A poller thread calls {@link #poll} a few times a second (the Kinesis
 * engine has no cross-module wake-up; a quarter second is well inside AWS's own latency).
 */
final class KinesisIntake {
    private static final Logger log = LoggerFactory.getLogger(KinesisIntake.class);
    /** Records read per page, and pages per shard per poll (bounds one poll's work). */
    private static final int PAGE = 1000;
    private static final int PAGES_PER_POLL = 10;
    /** The checkpoint of a shard read to its end. */
    static final String END = "END";

    private final FirehoseEngine engine;
    private final KinesisSource source;

    KinesisIntake(FirehoseEngine engine, KinesisSource source) {
        this.engine = engine;
        this.source = source;
    }

    /** Reads what is new in every source stream; returns how many records were buffered. */
    int poll() {
        int buffered = 0;
        for (DeliveryStream s : List.copyOf(engine.streams.values())) {
            if (!s.type.equals("KinesisStreamAsSource") || !s.status(engine.now()).equals("ACTIVE")) {
                continue;
            }
            try {
                buffered += poll(s);
            } catch (KinesisSource.SourceFailure e) {
                log.debug("Firehose {}: cannot read its source: {}", s.name, e.getMessage());
            }
        }
        if (buffered > 0) {
            engine.wakeDelivery();
        }
        return buffered;
    }

    private int poll(DeliveryStream s) throws KinesisSource.SourceFailure {
        String arn = s.source.path("KinesisStreamARN").asText();
        long start = s.source.path("DeliveryStartTimestamp").asLong(0);
        List<KinesisSource.Shard> shards = source.shards(arn);
        Set<String> listed = new HashSet<>();
        shards.forEach(shard -> listed.add(shard.shardId()));
        int buffered = 0;
        for (KinesisSource.Shard shard : shards) {
            if (END.equals(checkpoint(s, shard.shardId()))
                    || !finished(s, shard.parentShardId(), listed) || !finished(s, shard.adjacentParentShardId(), listed)) {
                continue;
            }
            for (int page = 0; page < PAGES_PER_POLL; page++) {
                KinesisSource.Page read = source.read(arn, shard.shardId(), checkpoint(s, shard.shardId()), PAGE);
                buffered += commit(s, shard.shardId(), read, start);
                if (read.records().isEmpty()) {
                    break;
                }
            }
        }
        return buffered;
    }

    private static String checkpoint(DeliveryStream s, String shardId) {
        s.lock.lock();
        try {
            return s.checkpoints.get(shardId);
        } finally {
            s.lock.unlock();
        }
    }

    /** A parent is finished when there is none, it is no longer listed (trimmed), or it was read to its end. */
    private static boolean finished(DeliveryStream s, String parent, Set<String> listed) {
        return parent == null || !listed.contains(parent) || END.equals(checkpoint(s, parent));
    }

    /** Buffers the page's records and moves the shard's checkpoint, in one store batch. */
    private int commit(DeliveryStream s, String shardId, KinesisSource.Page page, long start) {
        if (page.records().isEmpty() && !page.shardEnded()) {
            return 0;
        }
        io.wharf.storage.Commit commit;
        int buffered = 0;
        s.lock.lock();
        try {
            if (s.deletingSinceMillis >= 0) {
                return 0;
            }
            WriteBatch batch = new WriteBatch();
            String checkpoint = s.checkpoints.get(shardId);
            for (KinesisSource.SourceRecord r : page.records()) {
                checkpoint = r.sequenceNumber();
                if (r.arrivalMillis() < start) {
                    continue;
                }
                long sequence = s.nextSequence++;
                batch.put(engine.recordsSpace, FirehoseStoreLayout.recordKey(s.id, sequence),
                        FirehoseStoreLayout.recordValue(r.arrivalMillis(), r.data()));
                Delivery.buffer(s, new BufferedRecord(sequence, r.arrivalMillis(), r.data()));
                s.counters.recordsIn.incrementAndGet();
                s.counters.bytesIn.addAndGet(r.data().length);
                buffered++;
            }
            if (page.shardEnded()) {
                checkpoint = END;
            }
            if (checkpoint != null) {
                s.checkpoints.put(shardId, checkpoint);
                batch.put(engine.checkpointsSpace, FirehoseStoreLayout.checkpointKey(s.id, shardId),
                        checkpoint.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            commit = engine.store.submit(batch);
        } finally {
            s.lock.unlock();
        }
        commit.await();
        return buffered;
    }
}
