/**
 * The Firehose scenarios ({@code firehose-put}, {@code firehose-latency}): PutRecordBatch throughput into a delivery
 * stream with an S3 destination, and how long a record takes to show up in an object in that bucket.
 */
package io.wharf.bench.firehose;
