package io.wharf.bench.kinesis;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * One shard's position for a polling reader: the iterator to use next and the last sequence number
 * read, so that after a failed call (an expired iterator, a dropped connection) it can go on just after
 * what it has already read instead of re-reading or skipping. One thread owns a reader.
 */
final class ShardReader {
    private final BenchStream stream;
    private final String shardId;
    private String iterator;
    private String lastSequenceNumber;

    ShardReader(BenchStream stream, String shardId, String firstIterator) {
        this.stream = stream;
        this.shardId = shardId;
        this.iterator = firstIterator;
    }

    GetRecordsResponse next(KinesisAsyncClient client) {
        String current = iterator;
        GetRecordsResponse response = client.getRecords(b -> b.shardIterator(current).limit(KinesisRoundtrip.GET_LIMIT)).join();
        if (response.nextShardIterator() == null) {
            throw new IllegalStateException(shardId + " ended: no NextShardIterator on an open shard");
        }
        iterator = response.nextShardIterator();
        if (!response.records().isEmpty()) {
            Record last = response.records().getLast();
            lastSequenceNumber = last.sequenceNumber();
        }
        return response;
    }

    /** After a failed call: a fresh iterator after the last record read (or at the start). */
    void recover(RuntimeException failure) {
        try {
            iterator = lastSequenceNumber != null ? stream.iteratorAfter(shardId, lastSequenceNumber)
                    : stream.firstIterator(shardId);
        } catch (RuntimeException again) {
            failure.addSuppressed(again); // the next call fails too, is counted, and recovers again
        }
    }
}
