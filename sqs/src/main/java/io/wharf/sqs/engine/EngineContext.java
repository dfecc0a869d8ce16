package io.wharf.sqs.engine;

import io.wharf.storage.Store;

import java.time.Clock;
import java.util.function.Function;

/**
 * What the engine's parts share: the store, the clock, the limits, a way to find queues, the content budget, the
 * budget of visible messages held in memory, the cap on in-flight messages, the data keys that seal contents at rest
 * (SSE-KMS through KMS, SSE-SQS under keys the master key wraps).
 */
record EngineContext(Store store, SqsStoreLayout layout, Clock clock, SqsLimits limits, ReceiptHandle.Codec receipts,
                     Function<QueueId, Queue> queues, ContentMemory contents, HotWindows windows,
                     InflightBudget inflight, io.wharf.protocol.crypto.DataKeyRing keyRing) {
}
