/**
 * The Kinesis engine: streams, their shard maps with lineage, durable per-shard record logs, iterators,
 * resharding, retention trimming, consumers. Pure Java with an injected {@link java.time.Clock}; no HTTP, no JSON.
 * {@link io.wharf.kinesis.engine.KinesisStoreLayout} documents everything it keeps on disk.
 */
package io.wharf.kinesis.engine;
