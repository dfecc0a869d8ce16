package io.wharf.server;

import io.wharf.firehose.KinesisSource;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.kinesis.engine.StreamRef;
import io.wharf.kinesis.engine.Views;
import io.wharf.protocol.AwsException;

import java.util.ArrayList;
import java.util.List;

/**
 * Firehose's Kinesis source over the Kinesis engine in this process: ListShards (every shard within retention,
 * closed ones included, in index order — parents before children) and reads through a fresh iterator
 * (TRIM_HORIZON or AFTER_SEQUENCE_NUMBER) without GetRecords' per-shard limits, as an enhanced fan-out consumer
 * reads. Firehose reads as the service itself: stream policies are not asked (docs/compatibility.md).
 */
final class FirehoseKinesisSource implements KinesisSource {
    private final KinesisEngine kinesis;

    FirehoseKinesisSource(KinesisEngine kinesis) {
        this.kinesis = kinesis;
    }

    @Override
    public List<Shard> shards(String streamArn) throws SourceFailure {
        try {
            StreamRef ref = StreamRef.parseArn(streamArn);
            List<Shard> shards = new ArrayList<>();
            String token = null;
            do {
                Views.ShardPage page = kinesis.listShards(token == null ? ref : null, token, null, 1000, null, null);
                for (Views.ShardView s : page.shards()) {
                    shards.add(new Shard(s.shardId(), s.parentShardId(), s.adjacentParentShardId(),
                            s.endingSequenceNumber() != null));
                }
                token = page.nextToken();
            } while (token != null);
            return shards;
        } catch (AwsException | IllegalArgumentException e) {
            throw new SourceFailure(e.getMessage());
        }
    }

    @Override
    public Page read(String streamArn, String shardId, String afterSequenceNumber, int limit) throws SourceFailure {
        try {
            StreamRef ref = StreamRef.parseArn(streamArn);
            String iterator = kinesis.records().shardIterator(ref, shardId,
                    afterSequenceNumber == null ? "TRIM_HORIZON" : "AFTER_SEQUENCE_NUMBER", afterSequenceNumber, null);
            Views.RecordsPage page = kinesis.records().readForSubscription(iterator, limit);
            List<SourceRecord> records = new ArrayList<>(page.records().size());
            for (Views.RecordView r : page.records()) {
                records.add(new SourceRecord(r.sequenceNumber(), r.arrivalMillis(), r.data(), r.partitionKey()));
            }
            return new Page(records, page.nextShardIterator() == null);
        } catch (AwsException | IllegalArgumentException e) {
            throw new SourceFailure(e.getMessage());
        }
    }
}
