package io.wharf.bench.scale;

/**
 * The sizes of every case (each case reads its own).
 *
 * @param queues        queues: how many queues
 * @param messages      queues: messages per queue
 * @param backlog       backlog: messages in the one queue
 * @param senders       backlog/queues: SendMessageBatch calls in flight while filling
 * @param bodyBytes     message body size
 * @param pollers       long-pollers: concurrent ReceiveMessage WaitTimeSeconds=20, one per empty queue
 * @param connections   connections: HTTP connections held open
 * @param shards        shards: the stream's shards
 * @param consumers     shards: EFO consumers registered (AWS allows 20 per stream)
 * @param subscriptions shards: SubscribeToShard subscriptions spread over consumers and shards
 * @param topicSubscriptions subscriptions: SQS subscriptions of the one topic
 * @param samples       latency samples (receives, wakes, calls per connection round, records, publishes)
 * @param delaySeconds  backlog: every message's DelaySeconds (0: visible at once)
 * @param fifo          backlog: a FIFO queue, its messages spread over 100 groups
 * @param inFlight      queues: afterwards receive every message, none deleted (heap per in-flight message)
 * @param records       records: the records in the one shard
 */
public record ScaleOptions(int queues, int messages, long backlog, int senders, int bodyBytes, int pollers,
                           int connections, int shards, int consumers, int subscriptions, int topicSubscriptions,
                           int samples, int delaySeconds, boolean fifo, boolean inFlight, long records) {
}
