package io.wharf.kinesis.engine;

import io.wharf.protocol.metrics.Distribution;

/**
 * What the data-plane calls did to one stream since the CloudWatch publisher last drained it, for the
 * {@code AWS/Kinesis} per-API metrics (in memory only). Each {@link Distribution} holds one value per call, so its
 * count is the calls', its sum the total, its minimum and maximum those of one call — as AWS's statistics of these
 * metrics are; {@code success} holds 1 per successful call and 0 per failed one (AWS's {@code *.Success}: its average
 * is the success rate).
 */
final class StreamActivity {
    /** PutRecord's or PutRecords' metrics. */
    static final class Put {
        final Distribution bytes = new Distribution();
        final Distribution records = new Distribution();
        final Distribution latencyMillis = new Distribution();
        final Distribution success = new Distribution();
        final Distribution successfulRecords = new Distribution();
        final Distribution failedRecords = new Distribution();
        final Distribution throttledRecords = new Distribution();
    }

    final Put putRecord = new Put();
    final Put putRecords = new Put();
    final Distribution getBytes = new Distribution();
    final Distribution getRecords = new Distribution();
    final Distribution getLatencyMillis = new Distribution();
    final Distribution getIteratorAgeMillis = new Distribution();
    final Distribution getSuccess = new Distribution();
}
