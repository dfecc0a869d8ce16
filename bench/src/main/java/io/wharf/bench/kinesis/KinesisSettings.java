package io.wharf.bench.kinesis;

/**
 * What shapes a Kinesis scenario's load beyond the shared settings.
 *
 * @param shards         shards of the stream each run creates
 * @param recordsPerPut  records in one PutRecords call (AWS allows 1..500)
 * @param backlogRecords kinesis-roundtrip producers pause while put - received exceeds this many records
 * @param pollIdleMillis a GetRecords reader that got nothing waits this long before asking again
 * @param wire           JSON or CBOR on the wire
 * @param streamKeyId    a KMS key each run's stream is encrypted with (StartStreamEncryption), or null for none
 * @param kclPollIdleMillis kcl-polling's KCL {@code idleTimeBetweenReadsInMillis}: the wait between reads of a shard
 */
public record KinesisSettings(int shards, int recordsPerPut, int backlogRecords, int pollIdleMillis,
                              KinesisWire wire, String streamKeyId, int kclPollIdleMillis) {

    /** KCL 3.5.1's own default for {@code idleTimeBetweenReadsInMillis}, and its minimum. */
    public static final int DEFAULT_KCL_POLL_IDLE_MILLIS = 1500;
    public static final int MIN_KCL_POLL_IDLE_MILLIS = 200;
    public static final int MAX_KCL_POLL_IDLE_MILLIS = 60_000;

    public KinesisSettings(int shards, int recordsPerPut, int backlogRecords, int pollIdleMillis, KinesisWire wire) {
        this(shards, recordsPerPut, backlogRecords, pollIdleMillis, wire, null);
    }

    public KinesisSettings(int shards, int recordsPerPut, int backlogRecords, int pollIdleMillis, KinesisWire wire,
                           String streamKeyId) {
        this(shards, recordsPerPut, backlogRecords, pollIdleMillis, wire, streamKeyId, DEFAULT_KCL_POLL_IDLE_MILLIS);
    }
    /** Upper bounds: a typo must not create a thousand shards (kinesalite is started allowing this many). */
    public static final int MAX_SHARDS = 64;
    /** PutRecords' own limits: 500 records and 5 MiB per call. */
    public static final int MAX_RECORDS_PER_PUT = 500;
    public static final int MAX_BYTES_PER_PUT = 5 * 1024 * 1024;
    public static final int MAX_POLL_IDLE_MILLIS = 1000;

    public static final KinesisSettings DEFAULTS = new KinesisSettings(4, 100, 2000, 10, KinesisWire.JSON);

    public KinesisSettings {
        if (shards < 1 || shards > MAX_SHARDS) {
            throw new IllegalArgumentException("--shards must be 1.." + MAX_SHARDS + ", got " + shards);
        }
        if (recordsPerPut < 1 || recordsPerPut > MAX_RECORDS_PER_PUT) {
            throw new IllegalArgumentException("--records-per-put must be 1.." + MAX_RECORDS_PER_PUT + ", got " + recordsPerPut);
        }
        if (backlogRecords < recordsPerPut) {
            throw new IllegalArgumentException("--kinesis-backlog must hold at least one put (" + recordsPerPut
                    + " records), got " + backlogRecords);
        }
        if (pollIdleMillis < 0 || pollIdleMillis > MAX_POLL_IDLE_MILLIS) {
            throw new IllegalArgumentException("--poll-idle-ms must be 0.." + MAX_POLL_IDLE_MILLIS + ", got " + pollIdleMillis);
        }
        if (kclPollIdleMillis < MIN_KCL_POLL_IDLE_MILLIS || kclPollIdleMillis > MAX_KCL_POLL_IDLE_MILLIS) {
            throw new IllegalArgumentException("--kcl-poll-idle-ms must be " + MIN_KCL_POLL_IDLE_MILLIS + ".."
                    + MAX_KCL_POLL_IDLE_MILLIS + " (KCL's minimum is 200), got " + kclPollIdleMillis);
        }
        if (wire == null) {
            throw new IllegalArgumentException("a Kinesis wire (json or cbor) is required");
        }
    }

    /** Checks that a put of {@code recordsPerPut} records of {@code recordBytes} each fits in one call. */
    public void checkPutSize(int recordBytes) {
        if ((long) recordsPerPut * recordBytes > MAX_BYTES_PER_PUT) {
            throw new IllegalArgumentException(recordsPerPut + " records of " + recordBytes
                    + " bytes exceed PutRecords' 5 MiB per call; lower --records-per-put or --body-bytes");
        }
    }
}
