package io.wharf.sqs.engine;

import io.wharf.sqs.SqsErrors;
import io.wharf.storage.Commit;
import io.wharf.storage.Store;
import io.wharf.storage.WriteBatch;
import io.wharf.storage.crypto.MasterKey;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * The SQS engine: a registry of queues plus the operations on them. Queue creation and deletion take the
 * registry lock; everything else takes only the lock of the queue concerned. Every change is durable in the
 * store before a method returns, and a new engine on the same store continues where the last one stopped.
 *
 * <p>Writes are pipelined: each operation submits its batch while holding the lock that guards the memory it
 * changed (which fixes its place in the store's order) and awaits durability after releasing it, so the
 * operations of one busy queue share group commits instead of paying an fsync each under the lock. As the
 * store makes batches durable in submission order, anyone who saw a change in memory and then writes has
 * its own answer wait for that change too. A failed await leaves the store failed (fail-stop): later
 * requests fail until a restart recovers from what is durable.
 */
public final class SqsEngine implements AutoCloseable {
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern FIFO_QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,75}\\.fifo");

    private final Map<QueueId, Queue> queues = new ConcurrentHashMap<>();
    private final Map<QueueId, Long> deletedAt = new ConcurrentHashMap<>();
    private final ReentrantLock registryLock = new ReentrantLock();
    private final EngineContext ctx;
    private final MoveTasks moveTasks;
    private final WindowTrimmer trimmer;
    private long lastQueueNumber;

    /** An engine without KMS: queues with {@code KmsMasterKeyId} cannot be used; SSE-SQS works. */
    public SqsEngine(Store store, Clock clock, SqsLimits limits, MasterKey masterKey) {
        this(store, clock, limits, io.wharf.protocol.crypto.DataKeys.NONE, masterKey);
    }

    /**
     * @param kms       data keys for queues with {@code KmsMasterKeyId}
     * @param masterKey wraps the receipt-handle secret in the store, and the SSE-SQS data keys
     */
    public SqsEngine(Store store, Clock clock, SqsLimits limits, io.wharf.protocol.crypto.DataKeys kms,
                     MasterKey masterKey) {
        SqsStoreLayout layout = new SqsStoreLayout(store);
        io.wharf.protocol.crypto.DataKeyRing ring = new io.wharf.protocol.crypto.DataKeyRing(kms,
                new SqsManagedKeys(masterKey), layout.dataKeyStore(store));
        this.ctx = new EngineContext(store, layout, clock, limits,
                new ReceiptHandle.Codec(Recovery.receiptSecret(store, layout, masterKey)),
                queues::get, new ContentMemory(limits.contentMemoryBytes()),
                new HotWindows(limits.hotMessages(), limits.hotMessagesTotal()),
                new InflightBudget(limits.maxInflightTotal()), ring);
        lastQueueNumber = Recovery.load(ctx, queues, deletedAt);
        this.moveTasks = new MoveTasks(ctx, queues::values);
        moveTasks.recover();
        this.trimmer = new WindowTrimmer(ctx.windows(), queues::values, clock);
        ctx.inflight().onReclaim(() -> {
            long now = clock.millis();
            queues.values().forEach(queue -> queue.releaseDue(now));
        });
    }

    // ---- queues

    public QueueId createQueue(QueueId id, Map<String, String> attributes, Map<String, String> tags) {
        checkName(id, attributes);
        submitCreate(id, attributes, tags).await();
        return id;
    }

    /** Creates (or finds) the queue under the registry lock; the caller awaits the write after it. */
    private Commit submitCreate(QueueId id, Map<String, String> attributes, Map<String, String> tags) {
        registryLock.lock();
        try {
            long now = ctx.clock().millis();
            Queue existing = queues.get(id);
            Map<String, String> validated = QueueAttributes.validate(id, attributes, Map.of(), true, queues::get);
            if (existing != null) {
                Map<String, String> current = QueueAttributes.effective(id.isFifo(), existing.record().attributes());
                for (Map.Entry<String, String> e : validated.entrySet()) {
                    if (!Objects.equals(current.getOrDefault(e.getKey(), ""), e.getValue())) {
                        throw SqsErrors.QUEUE_NAME_EXISTS.error("A queue already exists with the same name and a "
                                + "different value for attribute " + e.getKey());
                    }
                }
                return ctx.store().submit(new WriteBatch()); // a barrier: its creation may not be durable yet
            }
            Long deleted = deletedAt.get(id);
            if (deleted != null && now - deleted < ctx.limits().deletedQueueQuarantineSeconds() * 1000L) {
                throw SqsErrors.QUEUE_DELETED_RECENTLY.error("You must wait 60 seconds after deleting a queue before "
                        + "you can create another with the same name.");
            }
            QueueConfiguration.checkTags(id, tags, Map.of());
            lastQueueNumber = Math.max(lastQueueNumber + 1, now);
            Queue.Record record = new Queue.Record(lastQueueNumber, id, now, now, 0,
                    Map.copyOf(QueueAttributes.apply(Map.of(), validated)), Map.copyOf(tags));
            Queue queue = new Queue(ctx.layout(), ctx.store(), record, ctx.windows(), ctx.inflight(), ctx.contents());
            WriteBatch batch = new WriteBatch();
            queue.persistRecord(batch);
            batch.delete(ctx.layout().deleted, SqsStoreLayout.queueKey(id));
            Commit pending = ctx.store().submit(batch);
            deletedAt.remove(id);
            queues.put(id, queue);
            return pending;
        } finally {
            registryLock.unlock();
        }
    }

    private static void checkName(QueueId id, Map<String, String> attributes) {
        String fifoAttribute = attributes.get(QueueAttributes.FIFO_QUEUE);
        boolean fifoRequested = fifoAttribute != null && fifoAttribute.equalsIgnoreCase("true");
        if (id.isFifo() || fifoRequested) {
            if (!FIFO_QUEUE_NAME.matcher(id.name()).matches() || !fifoRequested) {
                throw SqsErrors.INVALID_PARAMETER_VALUE.error("The name of a FIFO queue can only include alphanumeric "
                        + "characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.");
            }
        } else if (!QUEUE_NAME.matcher(id.name()).matches()) {
            throw SqsErrors.INVALID_PARAMETER_VALUE.error(
                    "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }
    }

    public void deleteQueue(QueueId id) {
        Commit pending;
        registryLock.lock();
        try {
            Queue queue = require(id);
            queue.lock.lock();
            try {
                long now = ctx.clock().millis();
                SqsStoreLayout layout = ctx.layout();
                WriteBatch batch = new WriteBatch().delete(layout.queues, SqsStoreLayout.queueKey(id));
                queue.persistDeleteAll(batch);
                queue.deduplication.deleteAll(batch);
                queue.receiveAttempts.deleteAll(batch);
                batch.put(layout.deleted, SqsStoreLayout.queueKey(id), SqsStoreLayout.encodeLong(now));
                pending = ctx.store().submit(batch);
                queue.deleted = true;
                queue.removeAll();
                queue.changed.signalAll();
                queues.remove(id);
                deletedAt.put(id, now);
                ctx.keyRing().forget(Encryption.resource(queue));
            } finally {
                queue.lock.unlock();
            }
        } finally {
            registryLock.unlock();
        }
        pending.await();
    }

    /** The queue's identity if it exists (GetQueueUrl); QueueDoesNotExist otherwise. */
    public QueueId getQueue(QueueId id) {
        return require(id).id();
    }

    public QueuePage listQueues(String accountId, String region, String prefix, Integer maxResults,
                                String nextToken) {
        List<QueueId> matching = queues.keySet().stream()
                .filter(q -> q.accountId().equals(accountId) && q.region().equals(region))
                .filter(q -> prefix == null || q.name().startsWith(prefix)).toList();
        return Paging.page(matching, maxResults, nextToken);
    }

    public QueuePage deadLetterSourceQueues(QueueId id, Integer maxResults, String nextToken) {
        require(id);
        List<QueueId> sources = queues.values().stream()
                .filter(q -> q.settings().redrivePolicy() != null
                        && id.equals(q.settings().redrivePolicy().deadLetterTarget()))
                .map(Queue::id).toList();
        return Paging.page(sources, maxResults, nextToken);
    }

    public Map<String, String> getQueueAttributes(QueueId id, Collection<String> names) {
        return QueueConfiguration.attributes(ctx, require(id), names);
    }

    public void setQueueAttributes(QueueId id, Map<String, String> attributes) {
        QueueConfiguration.setAttributes(ctx, require(id), attributes);
    }

    public void purgeQueue(QueueId id) {
        Queue queue = require(id);
        Commit pending;
        queue.lock.lock();
        try {
            long now = ctx.clock().millis();
            long last = queue.record().lastPurgeMillis();
            if (last != 0 && now - last < ctx.limits().purgeIntervalSeconds() * 1000L) {
                throw SqsErrors.PURGE_QUEUE_IN_PROGRESS.error("Only one PurgeQueue operation on " + id.name()
                        + " is allowed every 60 seconds.");
            }
            Queue.Record next = queue.record().withLastPurge(now);
            WriteBatch batch = new WriteBatch();
            queue.persistDeleteAll(batch);
            batch.put(ctx.layout().queues, SqsStoreLayout.queueKey(id), SqsStoreLayout.encodeQueue(next));
            pending = ctx.store().submit(batch);
            queue.setRecord(next);
            queue.removeAll();
        } finally {
            queue.lock.unlock();
        }
        pending.await();
    }

    public void tagQueue(QueueId id, Map<String, String> tags) {
        QueueConfiguration.tag(ctx, require(id), tags);
    }

    public void untagQueue(QueueId id, List<String> keys) {
        QueueConfiguration.untag(ctx, require(id), keys);
    }

    public Map<String, String> listQueueTags(QueueId id) {
        return Map.copyOf(require(id).record().tags());
    }

    /** The queue's access policy (its {@code Policy} attribute), or null when it has none or does not exist. */
    public String queuePolicy(QueueId id) {
        Queue queue = queues.get(id);
        return queue == null ? null : queue.record().attributes().get(QueueAttributes.POLICY);
    }

    /** The queue's tags; empty when it has none or does not exist. */
    public Map<String, String> queueTags(QueueId id) {
        Queue queue = queues.get(id);
        return queue == null ? Map.of() : Map.copyOf(queue.record().tags());
    }

    public void addPermission(QueueId id, String label, List<String> accountIds, List<String> actions) {
        QueueConfiguration.addPermission(ctx, require(id), label, accountIds, actions);
    }

    public void removePermission(QueueId id, String label) {
        QueueConfiguration.removePermission(ctx, require(id), label);
    }

    // ---- messages

    public SendResult sendMessage(QueueId id, SendCommand command) {
        return Sending.send(ctx, require(id), command);
    }

    public BatchResult<SendResult> sendMessageBatch(QueueId id, List<BatchEntry<SendCommand>> entries) {
        return Sending.sendBatch(ctx, require(id), entries);
    }

    /** Blocks up to the wait time for a message (long polling); an interrupt ends the wait with nothing. */
    public List<ReceivedMessage> receiveMessage(QueueId id, ReceiveCommand command) {
        try {
            return Receiving.receive(ctx, require(id), command);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    public void deleteMessage(QueueId id, String receiptHandle) {
        Receipts.delete(ctx, require(id), receiptHandle);
    }

    public BatchResult<Void> deleteMessageBatch(QueueId id, List<BatchEntry<String>> entries) {
        return Receipts.deleteBatch(ctx, require(id), entries);
    }

    public void changeMessageVisibility(QueueId id, String receiptHandle, int visibilityTimeoutSeconds) {
        Receipts.changeVisibility(ctx, require(id), receiptHandle, visibilityTimeoutSeconds);
    }

    public BatchResult<Void> changeMessageVisibilityBatch(QueueId id, List<BatchEntry<VisibilityChange>> entries) {
        return Receipts.changeVisibilityBatch(ctx, require(id), entries);
    }

    /**
     * The queue's oldest messages (at most {@code max}, capped at 50) in any state, read without receiving them:
     * nothing changes, not even the receive count (the console's peek).
     */
    public List<PeekedMessage> peekMessages(QueueId id, int max) {
        return Peeking.peek(ctx, require(id), max);
    }

    // ---- message move tasks

    public String startMessageMoveTask(String sourceArn, String destinationArn, Integer maxPerSecond) {
        return moveTasks.start(sourceArn, destinationArn, maxPerSecond);
    }

    /** The source queue ARN a move task's handle names, or null when the handle is not one. */
    public static String moveTaskSource(String taskHandle) {
        String[] parsed = taskHandle == null ? null : MoveTask.parseHandle(taskHandle);
        return parsed == null ? null : parsed[1];
    }

    public long cancelMessageMoveTask(String taskHandle) {
        return moveTasks.cancel(taskHandle);
    }

    public List<MoveTaskView> listMessageMoveTasks(String sourceArn, Integer maxResults) {
        return moveTasks.list(sourceArn, maxResults);
    }

    /** How many receives are waiting on the queue now (tests use it to start a change only once a poll waits). */
    int waitingReceivers(QueueId id) {
        return require(id).waitingReceivers();
    }

    /** Every queue's numbers for metrics, read without changing anything (each queue's lock taken in turn). */
    public java.util.List<QueueStats> queueStats() {
        long now = ctx.clock().millis();
        java.util.List<QueueStats> stats = new java.util.ArrayList<>(queues.size());
        for (Queue queue : queues.values()) {
            stats.add(queue.stats(now));
        }
        return stats;
    }

    /**
     * Every queue's activity for the AWS/SQS metrics (running totals, and the sizes sent since the last call, which
     * this drains: one reader only, the CloudWatch publisher).
     */
    public java.util.List<QueueCounters> queueCounters() {
        java.util.List<QueueCounters> counters = new java.util.ArrayList<>(queues.size());
        for (Queue queue : queues.values()) {
            counters.add(queue.counters());
        }
        return counters;
    }

    /**
     * Every queue's running totals of messages sent, received and deleted since the process started, read without
     * draining anything (any number of readers: the console's rates).
     */
    public java.util.List<QueueThroughput> queueThroughput() {
        java.util.List<QueueThroughput> totals = new java.util.ArrayList<>(queues.size());
        for (Queue queue : queues.values()) {
            totals.add(queue.throughput());
        }
        return totals;
    }

    /** How many of the queue's messages memory holds: the rest is its backlog (tests and diagnostics). */
    int heldMessages(QueueId id) {
        return require(id).heldMessages();
    }

    /** FIFO deduplication ids memory holds: those whose send was not yet awaited (tests). */
    int pendingDeduplicationIds(QueueId id) {
        return require(id).deduplication.pendingCount();
    }

    /** FIFO receive attempt ids memory holds: those whose receive was not yet answered (tests). */
    int pendingReceiveAttempts(QueueId id) {
        return require(id).receiveAttempts.pendingCount();
    }

    /** How many of the queue's delayed messages memory holds: the rest wait in the timer index (tests). */
    int heldDelayedMessages(QueueId id) {
        Queue queue = require(id);
        queue.lock.lock();
        try {
            return queue.delayedCount;
        } finally {
            queue.lock.unlock();
        }
    }

    /** What memory holds: queues' windows, message contents and in-flight messages (for the metrics). */
    public SqsMemory memory() {
        return new SqsMemory(ctx.windows().held(), ctx.contents().heldBytes(), ctx.inflight().inflight());
    }

    /**
     * Tests: the visible and delayed messages all queues hold in memory, by their last reports
     * ({@link HotWindows}).
     */
    long heldVisibleMessages() {
        return ctx.windows().held();
    }

    /** Tests: the in-flight messages of all queues, by their counts ({@link InflightBudget}). */
    long inflightMessages() {
        return ctx.inflight().inflight();
    }

    /** Tests: the bytes of message contents memory holds ({@link ContentMemory}). */
    long heldContentBytes() {
        return ctx.contents().heldBytes();
    }

    private Queue require(QueueId id) {
        Queue queue = queues.get(id);
        if (queue == null) {
            throw SqsErrors.queueDoesNotExist();
        }
        return queue;
    }

    @Override
    public void close() {
        trimmer.close();
        moveTasks.close();
        for (Queue queue : queues.values()) {
            queue.lock.lock();
            try {
                queue.changed.signalAll();
            } finally {
                queue.lock.unlock();
            }
        }
    }
}
