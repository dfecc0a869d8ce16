package io.wharf.firehose.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What Firehose keeps in the store.
 *
 * <pre>
 * firehose.streams   key: stream id (16 ASCII hex digits, new per creation, so a re-created stream never sees the
 *                         buffer of its predecessor)
 *                    value: the stream as JSON (UTF-8) — name, account, region, type, version, timestamps, the
 *                         source and destination configurations as the model shapes them (defaults filled in,
 *                         secrets kept so delivery can use them), encryption, tags ({@link StreamRecord})
 * firehose.records   key: stream id (16 bytes) · sequence (8 bytes, big-endian, from 1; after a restart
 *                         it goes on after the highest record still buffered: a key is reused only once its record
 *                         is gone)
 *                    value: arrival time (8 bytes, epoch ms, big-endian) · the record's data as put
 * firehose.checkpoints  key: stream id (16 ASCII hex digits) · shard id (ASCII) — KinesisStreamAsSource only
 *                    value: the sequence number of the last source record read (ASCII), or {@code END} once the
 *                         shard is closed and read to its end; written in the batch that buffers those records
 * </pre>
 *
 * A record is written before PutRecord(Batch) answers and deleted, in one batch, only after the object holding it
 * was written by the sink: a crash between the two delivers it again (at least once, as AWS). Deleting a stream
 * removes its metadata key and the range of its records in one batch. JSON for the metadata because it is small,
 * rarely written and mostly the model's own structures; fixed binary for records because they are the hot path.
 */
final class FirehoseStoreLayout {
    static final String STREAMS = "firehose.streams";
    static final String RECORDS = "firehose.records";
    static final String CHECKPOINTS = "firehose.checkpoints";

    private FirehoseStoreLayout() {
    }

    static byte[] streamKey(String id) {
        return id.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] recordKey(String id, long sequence) {
        return ByteBuffer.allocate(24).put(id.getBytes(StandardCharsets.US_ASCII)).putLong(sequence).array();
    }

    /** The first key after every record of stream {@code id}. */
    static byte[] recordsEnd(String id) {
        return recordKey(id, -1L); // 0xFF… sorts after every real sequence (they are positive)
    }

    static byte[] recordsPrefix(String id) {
        return id.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] checkpointKey(String id, String shardId) {
        return (id + shardId).getBytes(StandardCharsets.US_ASCII);
    }

    /** The first key after every checkpoint of stream {@code id}. */
    static byte[] checkpointsEnd(String id) {
        return (id + "\u007f").getBytes(StandardCharsets.US_ASCII);
    }

    static long sequenceOf(byte[] key) {
        return ByteBuffer.wrap(key, 16, 8).getLong();
    }

    static byte[] recordValue(long arrivalMillis, byte[] data) {
        return ByteBuffer.allocate(8 + data.length).putLong(arrivalMillis).put(data).array();
    }

    static long arrivalOf(byte[] value) {
        return ByteBuffer.wrap(value, 0, 8).getLong();
    }

    static byte[] dataOf(byte[] value) {
        byte[] data = new byte[value.length - 8];
        System.arraycopy(value, 8, data, 0, data.length);
        return data;
    }
}
