package io.wharf.bench.firehose;

/**
 * What shapes a Firehose scenario's load beyond the shared settings (records are {@code --body-bytes} each).
 *
 * @param recordsPerBatch       records in one PutRecordBatch call (AWS allows 1..500)
 * @param bufferIntervalSeconds the delivery stream's S3 buffering interval ({@code BufferingHints.IntervalInSeconds});
 *                              firehose-latency measures at AWS's minimum, 0 (zero buffering)
 * @param bufferSizeMiB         the delivery stream's S3 buffering size ({@code BufferingHints.SizeInMBs}, 1..128)
 */
public record FirehoseSettings(int recordsPerBatch, int bufferIntervalSeconds, int bufferSizeMiB) {
    /** PutRecordBatch's own limits: 500 records, 4 MiB per call. */
    public static final int MAX_RECORDS_PER_BATCH = 500;
    public static final int MAX_BYTES_PER_BATCH = 4 * 1024 * 1024;
    /** AWS's range for {@code IntervalInSeconds}. */
    public static final int MAX_BUFFER_INTERVAL_SECONDS = 900;
    public static final int MAX_BUFFER_SIZE_MIB = 128;

    public static final FirehoseSettings DEFAULTS = new FirehoseSettings(500, 0, 5);

    public FirehoseSettings {
        if (recordsPerBatch < 1 || recordsPerBatch > MAX_RECORDS_PER_BATCH) {
            throw new IllegalArgumentException("--records-per-batch must be 1.." + MAX_RECORDS_PER_BATCH + ", got "
                    + recordsPerBatch);
        }
        if (bufferIntervalSeconds < 0 || bufferIntervalSeconds > MAX_BUFFER_INTERVAL_SECONDS) {
            throw new IllegalArgumentException("--firehose-interval must be 0.." + MAX_BUFFER_INTERVAL_SECONDS
                    + " s, got " + bufferIntervalSeconds);
        }
        if (bufferSizeMiB < 1 || bufferSizeMiB > MAX_BUFFER_SIZE_MIB) {
            throw new IllegalArgumentException("--firehose-buffer-mib must be 1.." + MAX_BUFFER_SIZE_MIB + ", got "
                    + bufferSizeMiB);
        }
    }

    /** Checks that a batch of {@code recordsPerBatch} records of {@code recordBytes} each fits in one call. */
    public void checkBatchSize(int recordBytes) {
        if ((long) recordsPerBatch * recordBytes > MAX_BYTES_PER_BATCH) {
            throw new IllegalArgumentException(recordsPerBatch + " records of " + recordBytes
                    + " bytes exceed PutRecordBatch's 4 MiB per call; lower --records-per-batch or --body-bytes");
        }
    }
}
