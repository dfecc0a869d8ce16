/**
 * {@code wharf-bench scale <case>}: how Wharf's memory and latency grow with the work (many queues, a deep backlog,
 * many long pollers, connections, shards and subscriptions, a shard's retained records). Each case starts its own
 * durable Wharf with a given heap, measures the heap used after a full GC before and after the work is in place
 * ({@code jcmd GC.run} then {@code GC.heap_info}), and prints the heap per item with the latency the case cares
 * about.
 */
package io.wharf.bench.scale;
