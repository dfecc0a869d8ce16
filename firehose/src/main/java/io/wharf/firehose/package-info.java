/**
 * Amazon Data Firehose: {@link io.wharf.firehose.FirehoseService} (the JSON 1.1 wire over the model), the error table
 * {@link io.wharf.firehose.FirehoseErrors}, and the interfaces the server implements for delivery
 * ({@link io.wharf.firehose.ObjectSink}). The semantics live in {@code engine/}.
 */
package io.wharf.firehose;
