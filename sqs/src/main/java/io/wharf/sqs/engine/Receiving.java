package io.wharf.sqs.engine;

import io.wharf.sqs.SqsErrors;
import io.wharf.storage.Commit;
import io.wharf.storage.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * ReceiveMessage: picks visible messages, marks them in flight, dead-letters those that reached maxReceiveCount,
 * and long-polls by waiting on the queue's condition until {@link Queue} signals a change that may concern it, or
 * until the next change that time alone makes.
 * The receive's write is submitted under the queue's lock and awaited after it, before the messages are
 * returned: a message is never handed out before its delivery (and the send before it) is durable.
 */
final class Receiving {
    private static final Logger LOG = LoggerFactory.getLogger(Receiving.class);
    /** Messages dropped for lost content since start: logged the first time and every thousandth after. */
    private static final java.util.concurrent.atomic.AtomicLong LOST = new java.util.concurrent.atomic.AtomicLong();

    private Receiving() {
    }

    static List<ReceivedMessage> receive(EngineContext ctx, Queue queue, ReceiveCommand c) throws InterruptedException {
        int max = c.maxNumberOfMessages() == null ? 1 : c.maxNumberOfMessages();
        if (max < 1 || max > 10) {
            throw SqsErrors.invalidParameter("MaxNumberOfMessages", max, "Must be between 1 and 10, if provided.");
        }
        if (c.waitTimeSeconds() != null && (c.waitTimeSeconds() < 0 || c.waitTimeSeconds() > 20)) {
            throw SqsErrors.invalidParameter("WaitTimeSeconds", c.waitTimeSeconds(),
                    "Must be >= 0 and <= 20, if provided.");
        }
        if (c.visibilityTimeout() != null && (c.visibilityTimeout() < 0 || c.visibilityTimeout() > 43_200)) {
            throw SqsErrors.invalidParameter("VisibilityTimeout", c.visibilityTimeout(),
                    "Must be >= 0 and <= 43200, if provided.");
        }
        if (queue.settings().fifo()) {
            ReceiveAttempts.check(c.receiveRequestAttemptId());
        }
        int waitSeconds = c.waitTimeSeconds() != null ? c.waitTimeSeconds()
                : queue.settings().receiveMessageWaitTimeSeconds();
        long deadline = ctx.clock().millis() + waitSeconds * 1000L;
        while (true) {
            List<Message> picked = new ArrayList<>();
            List<MessageContent> contents = new ArrayList<>();
            List<Message> deadLettered = new ArrayList<>();
            Queue deadLetterQueue = null;
            List<ReceivedMessage> result = new ArrayList<>();
            int lost = 0;
            Commit pending = Commit.DONE;
            String attemptId = null;
            ReceiveAttempts.Attempt remembered = null; // in memory until its commit is awaited: then settled
            if (ctx.inflight().room() < max) {
                ctx.inflight().reclaim(); // idle queues let go of what is visible again (before this queue's lock)
            }
            try {
                queue.lock.lock();
                try {
                    long now = ctx.clock().millis();
                    WriteBatch batch = queue.begin(now);
                    QueueSettings settings = queue.settings();
                    QueueSettings.RedrivePolicy redrive = settings.redrivePolicy();
                    if (redrive != null) {
                        deadLetterQueue = ctx.queues().apply(redrive.deadLetterTarget());
                    }
                    int timeout = c.visibilityTimeout() != null ? c.visibilityTimeout() : settings.visibilityTimeout();
                    attemptId = settings.fifo() ? c.receiveRequestAttemptId() : null;
                    ReceiveAttempts.Replayed replayed = attemptId == null ? null
                            : queue.receiveAttempts.replay(queue, attemptId, now, timeout, batch);
                    if (replayed != null) {
                        remembered = replayed.remembered();
                        for (Message m : replayed.messages()) {
                            queue.persist(batch, m);
                            result.add(delivered(ctx, queue, m, c, content(ctx, queue, m)));
                        }
                    } else {
                        int reach = ctx.limits().maxInflightFifo();
                        queue.reachHeld(now, reach);
                        pick(ctx, queue, now, max, redrive, deadLetterQueue, picked, deadLettered);
                        while (picked.size() < max && picked.size() < ctx.inflight().room() && deadLettered.isEmpty()
                                && queue.reachFurther(now, reach)) {
                            picked.clear(); // pick again with the backlog's next page in memory
                            pick(ctx, queue, now, max, redrive, deadLetterQueue, picked, deadLettered);
                        }
                        try {
                            // read (and open) every content before any state changes: a refused key changes nothing
                            for (java.util.Iterator<Message> it = picked.iterator(); it.hasNext(); ) {
                                Message m = it.next();
                                MessageContent content = ContentMemory.load(ctx, queue.number(), m);
                                if (content == null) {
                                    it.remove();
                                    dropLost(queue, m, batch);
                                    lost++;
                                    continue;
                                }
                                contents.add(content);
                            }
                        } catch (RuntimeException e) {
                            deadLettered.forEach(queue::add);
                            deadLettered.forEach(m -> queue.movingGroups.remove(m.groupId));
                            throw e;
                        }
                    }
                    for (int i = 0; i < picked.size(); i++) {
                        Message m = picked.get(i);
                        m.receiveCount++;
                        if (m.firstReceiveMillis == 0) {
                            m.firstReceiveMillis = now;
                        }
                        m.lastReceiveMillis = now;
                        queue.transition(m, Message.State.INFLIGHT, now + timeout * 1000L);
                        queue.persist(batch, m);
                        result.add(delivered(ctx, queue, m, c, contents.get(i)));
                    }
                    if (attemptId != null && !picked.isEmpty()) {
                        remembered = queue.receiveAttempts.remember(attemptId, picked,
                                now + ReceiveAttempts.WINDOW_MILLIS, batch);
                    }
                    if (!batch.isEmpty()) {
                        pending = ctx.store().submit(batch);
                    }
                    if (result.isEmpty() && deadLettered.isEmpty()) {
                        if (lost > 0) {
                            continue; // pick again among the messages the lost ones stood in front of
                        }
                        if (now >= deadline) {
                            return empty(ctx, queue);
                        }
                        if (queue.settings().fifo() && ctx.inflight().room() == 0) {
                            // no room under the cap of all queues: a message leaving the in-flight state on any queue
                            // wakes this one; asked before the room is checked again, so none is missed
                            ctx.inflight().awaitingRoom(queue);
                            if (ctx.inflight().room() > 0) {
                                continue;
                            }
                        }
                        long until = Math.min(deadline, queue.nextTimedChangeAtMillis());
                        boolean signalled = queue.changed.await(until - now, TimeUnit.MILLISECONDS);
                        if (!signalled && until == deadline) {
                            // the wait ran its full length in real time, whatever the injected clock says
                            return empty(ctx, queue);
                        }
                        continue;
                    }
                } finally {
                    queue.lock.unlock();
                }
                if (!deadLettered.isEmpty()) {
                    try {
                        Transfers.deadLetter(ctx, queue, deadLettered, deadLetterQueue);
                    } finally {
                        unblock(queue, deadLettered);
                    }
                }
                if (!result.isEmpty()) {
                    pending.await();
                    queue.activity.used(ctx.clock().millis());
                    queue.activity.received.add(result.size());
                    return result;
                }
            } finally {
                if (remembered != null) {
                    queue.receiveAttempts.settled(attemptId, remembered); // the store shows it now (or never will)
                }
            }
        }
    }

    /** AWS/SQS NumberOfEmptyReceives: a receive that returned no message. */
    private static List<ReceivedMessage> empty(EngineContext ctx, Queue queue) {
        queue.activity.used(ctx.clock().millis());
        queue.activity.emptyReceives.increment();
        return List.of();
    }

    /**
     * Chooses up to {@code max} messages. FIFO (sqs.md §3.11): groups with a message in flight (or on its way to
     * the dead-letter queue) are skipped; a receive takes as many of one group's messages as fit, in order, before
     * it moves on to the next group (groups in the order of their oldest visible message). Only the
     * {@link Queue#receivable} messages count: on a FIFO queue with a backlog, none above it (nor above a due message
     * of its timer index).
     */
    private static void pick(EngineContext ctx, Queue queue, long now, int max, QueueSettings.RedrivePolicy redrive,
                             Queue deadLetterQueue, List<Message> picked, List<Message> deadLettered) {
        boolean fifo = queue.settings().fifo();
        if (!fifo && queue.inflightCount >= ctx.limits().maxInflightStandard() && !queue.visible.isEmpty()) {
            throw SqsErrors.OVER_LIMIT.error("You have reached the maximum number of in flight messages ("
                    + ctx.limits().maxInflightStandard() + ").");
        }
        // all queues' in-flight messages together (InflightBudget): a standard queue refuses as at its own limit,
        // a FIFO queue returns what fits, or nothing. The messages a standard receive would come to first that are
        // due for the dead-letter queue need no room: they move, and it refuses once none is left in front.
        long room = ctx.inflight().room();
        if (!fifo && room == 0 && !queue.visible.isEmpty()) {
            for (Message head : queue.receivable(now).values()) {
                if (deadLettered.size() >= max || !dueForDeadLetter(head, redrive, deadLetterQueue)) {
                    break;
                }
                deadLettered.add(head);
            }
            if (deadLettered.isEmpty()) {
                throw SqsErrors.OVER_LIMIT.error("This server holds the maximum number of in flight messages of all "
                        + "queues together (" + ctx.inflight().limit() + ").");
            }
            deadLettered.forEach(queue::remove);
            return;
        }
        int take = (int) Math.min(max, room);
        Set<String> seenGroups = new HashSet<>();
        long upTo = queue.receivableUpTo(now);
        for (Message head : queue.receivable(now).values()) {
            if (picked.size() >= take) {
                break;
            }
            if (!fifo) {
                if (dueForDeadLetter(head, redrive, deadLetterQueue)) {
                    deadLettered.add(head);
                } else {
                    picked.add(head);
                }
                continue;
            }
            if (queue.inflightByGroup.containsKey(head.groupId) || queue.movingGroups.contains(head.groupId)
                    || !seenGroups.add(head.groupId)) {
                continue;
            }
            boolean first = true;
            for (Message m : queue.visibleByGroup.get(head.groupId).values()) {
                if (picked.size() >= take || m.ordinal > upTo
                        || queue.inflightCount + picked.size() >= ctx.limits().maxInflightFifo()) {
                    break;
                }
                if (dueForDeadLetter(m, redrive, deadLetterQueue)) {
                    if (first) {
                        // the rest of the group waits until this one has arrived in the dead-letter queue
                        deadLettered.add(m);
                        queue.movingGroups.add(m.groupId);
                    }
                    break;
                }
                picked.add(m);
                first = false;
            }
        }
        deadLettered.forEach(queue::remove);
    }

    /** Whether a receive moves {@code m} to the dead-letter queue instead of delivering it. */
    private static boolean dueForDeadLetter(Message m, QueueSettings.RedrivePolicy redrive, Queue deadLetterQueue) {
        return redrive != null && deadLetterQueue != null && m.receiveCount >= redrive.maxReceiveCount();
    }

    /** FIFO: the groups of dead-lettered messages may be received again once the move is over (or failed). */
    private static void unblock(Queue queue, List<Message> deadLettered) {
        if (!queue.settings().fifo()) {
            return;
        }
        queue.lock.lock();
        try {
            deadLettered.forEach(m -> queue.movingGroups.remove(m.groupId));
            queue.changed.signalAll();
        } finally {
            queue.lock.unlock();
        }
    }

    /**
     * Under the queue's lock: the message is in the queue, so its content is in memory or in the store — unless the
     * store lost it ({@code --repair} dropping a damaged table of {@code sqs.bodies}); a replayed FIFO receive of such a
     * message is refused as a server fault.
     */
    private static MessageContent content(EngineContext ctx, Queue queue, Message m) {
        MessageContent content = ContentMemory.load(ctx, queue.number(), m);
        if (content == null) {
            throw new IllegalStateException("no content stored for " + m + " of " + queue.id());
        }
        return content;
    }

    /**
     * A message whose content the store no longer has (only after {@code --repair} dropped a damaged table of
     * {@code sqs.bodies}; a purge or delete takes the message out of the queue first) cannot be delivered: it leaves
     * the queue with its state record, in the receive's batch, and the loss is logged — rather than every receive of
     * the queue failing on it.
     */
    private static void dropLost(Queue queue, Message m, WriteBatch batch) {
        queue.remove(m);
        queue.persistDelete(batch, m);
        long count = LOST.incrementAndGet();
        if (count % 1_000 == 1) {
            LOG.warn("queue {}: message {} has no stored content (lost in a store repair); it is dropped ({} so far)",
                    queue.id(), m.ordinal, count);
        }
    }

    private static ReceivedMessage delivered(EngineContext ctx, Queue queue, Message m, ReceiveCommand c,
                                             MessageContent content) {
        String handle = ctx.receipts().encode(new ReceiptHandle(queue.number(), m.ordinal, m.receiveCount));
        Map<String, MessageAttributeValue> attributes = selectAttributes(content.attributes(),
                c.messageAttributeNames());
        return new ReceivedMessage(content.messageId(), handle, content.bodyMd5(), content.body(),
                systemAttributes(queue.settings().fifo(), m, content, c.systemAttributeNames()),
                Md5.ofAttributes(attributes), attributes);
    }

    static Map<String, String> systemAttributes(boolean fifo, Message m, MessageContent content, Set<String> names) {
        boolean all = names.contains("All");
        Map<String, String> result = new LinkedHashMap<>();
        if (all || names.contains("SenderId")) {
            result.put("SenderId", content.senderId());
        }
        if (all || names.contains("SentTimestamp")) {
            result.put("SentTimestamp", Long.toString(content.sentMillis()));
        }
        if (all || names.contains("ApproximateReceiveCount")) {
            result.put("ApproximateReceiveCount", Integer.toString(m.receiveCount));
        }
        if (all || names.contains("ApproximateFirstReceiveTimestamp")) {
            result.put("ApproximateFirstReceiveTimestamp", Long.toString(m.firstReceiveMillis));
        }
        if (fifo && (all || names.contains("SequenceNumber"))) {
            result.put("SequenceNumber", m.sequenceNumber());
        }
        if (fifo && content.deduplicationId() != null && (all || names.contains("MessageDeduplicationId"))) {
            result.put("MessageDeduplicationId", content.deduplicationId());
        }
        if (m.groupId != null && (all || names.contains("MessageGroupId"))) {
            result.put("MessageGroupId", m.groupId);
        }
        if (content.traceHeader() != null && (all || names.contains("AWSTraceHeader"))) {
            result.put("AWSTraceHeader", content.traceHeader());
        }
        if (content.deadLetterSourceArn() != null && (all || names.contains("DeadLetterQueueSourceArn"))) {
            result.put("DeadLetterQueueSourceArn", content.deadLetterSourceArn());
        }
        return result;
    }

    /** "All" or ".*" selects everything, "prefix.*" names starting with "prefix.", anything else exact names. */
    static Map<String, MessageAttributeValue> selectAttributes(Map<String, MessageAttributeValue> attributes,
                                                                 List<String> names) {
        Map<String, MessageAttributeValue> result = new LinkedHashMap<>();
        if (names.isEmpty() || attributes.isEmpty()) {
            return result;
        }
        for (Map.Entry<String, MessageAttributeValue> e : attributes.entrySet()) {
            for (String wanted : names) {
                boolean match = wanted.equals("All") || wanted.equals(".*") || wanted.equals(e.getKey())
                        || (wanted.endsWith(".*") && e.getKey().startsWith(wanted.substring(0, wanted.length() - 1)));
                if (match) {
                    result.put(e.getKey(), e.getValue());
                    break;
                }
            }
        }
        return result;
    }
}
