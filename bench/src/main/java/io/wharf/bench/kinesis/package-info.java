/**
 * The Kinesis scenarios, through the AWS SDK for Java v2 async client on Netty (HTTP/1.1, JSON unless
 * {@code --kinesis-wire cbor}): {@code kinesis-put} (PutRecords batches in: records/s and data MB/s),
 * {@code kinesis-roundtrip} (producers and one GetRecords reader per shard, put-to-receive latency) and
 * {@code kinesis-subscribe} (the same producers read by SubscribeToShard over HTTP/2; Wharf only).
 * Each run creates its own stream and deletes it afterwards.
 */
package io.wharf.bench.kinesis;
