package io.wharf.sqs.engine;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.Hashes;
import io.wharf.sqs.SqsErrors;
import io.wharf.storage.Commit;
import io.wharf.storage.WriteBatch;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * SendMessage and SendMessageBatch: validate, enqueue and submit the write under the queue's lock, then wait
 * for it to be durable after releasing the lock, before answering.
 */
final class Sending {
    static final long MAX_BATCH_BYTES = 1_048_576;

    private Sending() {
    }

    /**
     * A message on its way in: its command, its body in UTF-8 (made once, then counted, digested and stored) and
     * its size as AWS counts it.
     */
    private record Outgoing(SendCommand command, byte[] body, long size) {
        static Outgoing of(SendCommand c) {
            byte[] body = MessageValidation.utf8Body(c);
            return new Outgoing(c, body, MessageValidation.size(c, body));
        }

        Digests digests() {
            return new Digests(Md5.ofUtf8(body), Md5.ofAttributes(command.attributes()),
                    Md5.ofAttributes(command.systemAttributes()));
        }

        /** The id a FIFO queue deduplicates on: the sender's, or the SHA-256 of the body (content-based). */
        String deduplicationId() {
            return command.deduplicationId() != null ? command.deduplicationId() : sha256(body);
        }
    }

    /** A send's answer digests, computed before the queue's lock is taken. */
    private record Digests(String body, String attributes, String systemAttributes) {
        SendResult answer(String messageId, String sequenceNumber) {
            return new SendResult(messageId, body, attributes, systemAttributes, sequenceNumber);
        }
    }

    static SendResult send(EngineContext ctx, Queue queue, SendCommand command) {
        Outgoing message = Outgoing.of(command);
        MessageValidation.check(command, message.size(), queue.settings());
        return enqueue(ctx, queue, List.of(message)).get(0);
    }

    static BatchResult<SendResult> sendBatch(EngineContext ctx, Queue queue, List<BatchEntry<SendCommand>> entries) {
        BatchRules.check(entries.stream().map(BatchEntry::id).toList(), "SendMessageBatchRequestEntry");
        // each message's size once: the batch's total, its own limit and the AWS/SQS metrics all use it
        List<Outgoing> messages = new ArrayList<>(entries.size());
        long total = 0;
        for (BatchEntry<SendCommand> e : entries) {
            Outgoing message = Outgoing.of(e.command());
            messages.add(message);
            total += message.size();
        }
        if (total > MAX_BATCH_BYTES) {
            throw SqsErrors.BATCH_REQUEST_TOO_LONG.error("Batch requests cannot be longer than " + MAX_BATCH_BYTES
                    + " bytes. You have sent " + total + " bytes.");
        }
        QueueSettings settings = queue.settings();
        entries.forEach(e -> MessageValidation.checkFifoRequirements(e.command(), settings));
        List<String> validIds = new ArrayList<>(entries.size());
        List<Outgoing> valid = new ArrayList<>(entries.size());
        List<BatchResult.Failure> failed = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            BatchEntry<SendCommand> entry = entries.get(i);
            try {
                MessageValidation.check(entry.command(), messages.get(i).size(), settings);
                validIds.add(entry.id());
                valid.add(messages.get(i));
            } catch (AwsException e) {
                failed.add(BatchResult.Failure.of(entry.id(), e));
            }
        }
        List<SendResult> results = valid.isEmpty() ? List.of() : enqueue(ctx, queue, valid);
        List<BatchResult.Success<SendResult>> successful = new ArrayList<>(valid.size());
        for (int i = 0; i < valid.size(); i++) {
            successful.add(new BatchResult.Success<>(validIds.get(i), results.get(i)));
        }
        return new BatchResult<>(successful, failed);
    }

    /** Enqueues validated messages in order (FIFO: in request order) with one commit. */
    private static List<SendResult> enqueue(EngineContext ctx, Queue queue, List<Outgoing> messages) {
        List<SendResult> results = new ArrayList<>(messages.size());
        List<Message> added = new ArrayList<>();
        List<String> remembered = new ArrayList<>();
        List<Queue.Deduplication> rememberedIds = new ArrayList<>();
        List<Long> addedSizes = new ArrayList<>();
        // the digests outside the lock: they are the same whatever the queue does with the messages
        List<Digests> digests = new ArrayList<>(messages.size());
        for (Outgoing message : messages) {
            digests.add(message.digests());
        }
        Commit pending;
        queue.lock.lock();
        try {
            long now = ctx.clock().millis();
            // before anything changes: a refused data key leaves the queue as it was
            io.wharf.protocol.crypto.DataKeyRing.Key key = Encryption.keyFor(ctx, queue, now);
            WriteBatch batch = queue.begin(now);
            QueueSettings settings = queue.settings();
            for (int i = 0; i < messages.size(); i++) {
                Outgoing message = messages.get(i);
                SendCommand c = message.command();
                String dedupId = settings.fifo() ? message.deduplicationId() : null;
                String dedupKey = dedupId == null ? null : deduplicationKey(dedupId, c, settings);
                // an id past its window that is still stored counts as unseen; the put below replaces its record
                Queue.Deduplication seen = dedupKey == null ? null : queue.deduplication.find(dedupKey, now);
                if (seen != null) {
                    // accepted, not delivered again: answer as the original send did
                    results.add(digests.get(i).answer(seen.messageId(), String.format("%020d", seen.ordinal())));
                    continue;
                }
                // a per-message delay overrides the queue's on standard queues; FIFO queues only have the queue's
                int delay = !settings.fifo() && c.delaySeconds() != null ? c.delaySeconds() : settings.delaySeconds();
                MessageAttributeValue trace = c.systemAttributes().get("AWSTraceHeader");
                MessageContent content = new MessageContent(io.wharf.protocol.RequestIds.next(), c.body(),
                        new LinkedHashMap<>(c.attributes()), trace == null ? null : trace.stringValue(), dedupId,
                        c.senderId() == null ? SendCommand.DEFAULT_SENDER : c.senderId(), now, null)
                        .withBodyMd5(digests.get(i).body());
                Message m = new Message(queue.nextOrdinal(now), c.groupId(), now);
                m.state = delay > 0 ? Message.State.DELAYED : Message.State.VISIBLE;
                m.visibleAtMillis = now + delay * 1000L;
                ctx.contents().hold(m, content);
                queue.add(m);
                added.add(m);
                addedSizes.add(message.size());
                queue.persistNew(batch, m, content, message.body(), key);
                if (dedupKey != null) {
                    Queue.Deduplication d = new Queue.Deduplication(content.messageId(), m.ordinal,
                            now + ctx.limits().dedupIntervalSeconds() * 1000L);
                    queue.deduplication.remember(dedupKey, d, batch);
                    remembered.add(dedupKey);
                    rememberedIds.add(d);
                }
                results.add(digests.get(i).answer(content.messageId(), settings.fifo() ? m.sequenceNumber() : null));
            }
            try {
                // even an empty batch (every message a duplicate) is submitted: as a barrier, so the answer
                // waits until the original send it repeats is durable too
                pending = ctx.store().submit(batch);
            } catch (RuntimeException e) {
                // refused, so not sent: nobody may receive these or be deduplicated against them
                added.forEach(queue::remove);
                queue.deduplication.settled(remembered, rememberedIds); // refused: never remembered
                ctx.contents().release(added);
                throw e;
            }
            // Waiting receivers, woken by queue.add, may take these messages before they are durable: a receiver's
            // own batch is submitted after this one, so its answer (which awaits it) cannot come before this send is.
        } finally {
            queue.lock.unlock();
        }
        pending.await(); // outside the lock, so the queue's next writers join the same group commit
        if (!remembered.isEmpty()) {
            queue.deduplication.settled(remembered, rememberedIds); // the store shows them now
        }
        ctx.contents().settled(added); // only now may the store be asked for these contents
        counted(ctx, queue, addedSizes);
        return results;
    }

    /** AWS/SQS: the messages really added (not those deduplicated) and their sizes. */
    private static void counted(EngineContext ctx, Queue queue, List<Long> addedSizes) {
        QueueActivity activity = queue.activity;
        activity.used(ctx.clock().millis());
        for (long size : addedSizes) {
            activity.sentSizes.record(size);
        }
        activity.sent.add(addedSizes.size());
    }

    /** Deduplication scope is the queue, or the message group when DeduplicationScope=messageGroup. */
    private static String deduplicationKey(String deduplicationId, SendCommand c, QueueSettings settings) {
        return settings.deduplicationPerGroup() ? c.groupId() + '\0' + deduplicationId : deduplicationId;
    }

    static String sha256(byte[] body) {
        return HexFormat.of().formatHex(Hashes.sha256().digest(body));
    }
}
