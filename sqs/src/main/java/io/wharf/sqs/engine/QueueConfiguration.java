package io.wharf.sqs.engine;

import io.wharf.sqs.SqsErrors;
import io.wharf.storage.Commit;
import io.wharf.storage.WriteBatch;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A queue's attributes, tags and permissions: reads, and changes submitted to the store under the queue's
 * lock and awaited after it.
 */
final class QueueConfiguration {
    static final int MAX_TAGS = 50;

    private QueueConfiguration() {
    }

    static Map<String, String> attributes(EngineContext ctx, Queue queue, Collection<String> names) {
        for (String name : names) {
            if (!QueueAttributes.isKnown(name)) {
                throw SqsErrors.INVALID_ATTRIBUTE_NAME.error("Unknown Attribute " + name + ".");
            }
        }
        if (names.isEmpty()) {
            return Map.of();
        }
        Map<String, String> all = new LinkedHashMap<>();
        Commit pending = Commit.DONE;
        queue.lock.lock();
        try {
            long now = ctx.clock().millis();
            WriteBatch batch = new WriteBatch();
            queue.advance(now, batch);
            if (!batch.isEmpty()) {
                pending = ctx.store().submit(batch);
            }
            Queue.Record r = queue.record();
            long due = queue.dueInStore(now);
            all.put("ApproximateNumberOfMessages", Long.toString(queue.visibleCount() + due));
            all.put("ApproximateNumberOfMessagesNotVisible", Integer.toString(queue.inflightCount));
            all.put("ApproximateNumberOfMessagesDelayed", Long.toString(queue.delayedTotal() - due));
            all.put("CreatedTimestamp", Long.toString(r.createdMillis() / 1000));
            all.put("LastModifiedTimestamp", Long.toString(r.lastModifiedMillis() / 1000));
            all.put("QueueArn", r.id().arn());
            all.putAll(QueueAttributes.effective(r.id().isFifo(), r.attributes()));
        } finally {
            queue.lock.unlock();
        }
        pending.await();
        if (names.contains("All")) {
            return all;
        }
        Map<String, String> selected = new LinkedHashMap<>();
        for (String name : names) {
            if (all.containsKey(name)) {
                selected.put(name, all.get(name));
            }
        }
        return selected;
    }

    static void setAttributes(EngineContext ctx, Queue queue, Map<String, String> given) {
        Map<String, String> changes = QueueAttributes.validate(queue.id(), given, queue.record().attributes(), false,
                ctx.queues());
        update(ctx, queue, r -> r.withAttributes(QueueAttributes.apply(r.attributes(), changes),
                ctx.clock().millis()));
        if (queue.id().isFifo() && changes.containsKey(QueueAttributes.DELAY_SECONDS)) {
            retime(ctx, queue);
        }
    }

    /**
     * On FIFO queues the queue delay is retroactive: messages not yet received follow the new delay (the queue's
     * settings have it already). Those in memory here; the store's follow it when read ({@code Queue.retimeFifo}).
     */
    private static void retime(EngineContext ctx, Queue queue) {
        Commit pending = Commit.DONE;
        queue.lock.lock();
        try {
            long now = ctx.clock().millis();
            WriteBatch batch = new WriteBatch();
            for (Message m : List.copyOf(queue.messages.values())) {
                if (!queue.followsQueueDelay(m)) {
                    continue;
                }
                long visibleAt = queue.queueDelayEnds(m);
                queue.transition(m, visibleAt > now ? Message.State.DELAYED : Message.State.VISIBLE,
                        Math.max(visibleAt, now));
                queue.persist(batch, m);
            }
            if (!batch.isEmpty()) {
                pending = ctx.store().submit(batch);
            }
            queue.changed.signalAll();
        } finally {
            queue.lock.unlock();
        }
        pending.await();
    }

    static void tag(EngineContext ctx, Queue queue, Map<String, String> tags) {
        if (tags.isEmpty()) {
            throw SqsErrors.missingParameter("Tags");
        }
        checkTags(queue.id(), tags, queue.record().tags());
        update(ctx, queue, r -> {
            Map<String, String> next = new HashMap<>(r.tags());
            next.putAll(tags);
            return r.withTags(next);
        });
    }

    static void untag(EngineContext ctx, Queue queue, List<String> keys) {
        if (keys.isEmpty()) {
            throw SqsErrors.missingParameter("TagKeys");
        }
        update(ctx, queue, r -> {
            Map<String, String> next = new HashMap<>(r.tags());
            keys.forEach(next::remove);
            return r.withTags(next);
        });
    }

    static void checkTags(QueueId queue, Map<String, String> tags, Map<String, String> existing) {
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().length() > 128) {
                throw SqsErrors.INVALID_PARAMETER_VALUE.error("Tag keys must be between 1 and 128 characters in length.");
            }
            if (e.getValue() != null && e.getValue().length() > 256) {
                throw SqsErrors.INVALID_PARAMETER_VALUE.error("Tag values may only be up to 256 characters in length.");
            }
        }
        Map<String, String> merged = new HashMap<>(existing);
        merged.putAll(tags);
        if (merged.size() > MAX_TAGS) {
            throw SqsErrors.INVALID_PARAMETER_VALUE.error("Too many tags added for queue " + queue.name() + ".");
        }
    }

    static void addPermission(EngineContext ctx, Queue queue, String label, List<String> accounts,
                              List<String> actions) {
        update(ctx, queue, r -> {
            String policy = Permissions.add(r.id(), r.attributes().get(QueueAttributes.POLICY), label, accounts,
                    actions);
            return r.withAttributes(QueueAttributes.apply(r.attributes(), Map.of(QueueAttributes.POLICY, policy)),
                    ctx.clock().millis());
        });
    }

    static void removePermission(EngineContext ctx, Queue queue, String label) {
        update(ctx, queue, r -> {
            String policy = Permissions.remove(r.attributes().get(QueueAttributes.POLICY), label);
            return r.withAttributes(QueueAttributes.apply(r.attributes(),
                    Map.of(QueueAttributes.POLICY, policy == null ? "" : policy)), ctx.clock().millis());
        });
    }

    /** Replaces the queue's record under its lock and waits, after the lock, for it to be durable. */
    static void update(EngineContext ctx, Queue queue, UnaryOperator<Queue.Record> change) {
        Commit pending;
        queue.lock.lock();
        try {
            if (queue.deleted) {
                throw SqsErrors.queueDoesNotExist();
            }
            Queue.Record next = change.apply(queue.record());
            WriteBatch batch = new WriteBatch();
            batch.put(ctx.layout().queues, SqsStoreLayout.queueKey(next.id()), SqsStoreLayout.encodeQueue(next));
            pending = ctx.store().submit(batch);
            queue.setRecord(next); // only once the store took it, so a refused change leaves no trace
            queue.changed.signalAll(); // a shorter wait time or visibility may concern waiting receivers
        } finally {
            queue.lock.unlock();
        }
        pending.await();
    }
}
