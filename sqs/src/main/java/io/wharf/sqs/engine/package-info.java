/**
 * The SQS engine: queues, messages, visibility, delays, retention, redrive and move tasks, in pure Java.
 * Each queue has its own lock and condition ({@link io.wharf.sqs.engine.Queue}); time comes from an injected
 * {@link java.time.Clock}; every change is committed to the {@link io.wharf.storage.Store} before the answer
 * (layout in {@link io.wharf.sqs.engine.SqsStoreLayout}), and {@link io.wharf.sqs.engine.SqsEngine} rebuilds
 * its memory from the store on construction.
 */
package io.wharf.sqs.engine;
