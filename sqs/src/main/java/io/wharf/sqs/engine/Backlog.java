package io.wharf.sqs.engine;

import io.wharf.storage.Store;
import io.wharf.storage.WriteBatch;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.LongPredicate;

/**
 * The visible messages of a queue that memory does not hold: a backlog beyond the queue's hot window
 * ({@link SqsLimits#hotMessages()}) stays in {@code sqs.messages} only, as a range of ordinals, and comes back
 * into memory a page at a time as receivers drain the window. So a queue's heap is bounded by its window, its
 * in-flight and its delayed messages, not by its backlog, and a restart holds no more than that either. On a FIFO
 * queue the range is the newest part of the queue and receives take nothing above its start, so that each group is
 * received in order ({@code Queue.balanceFifo}); ranges that grow downwards ({@link #addBelow}) are standard queues'.
 *
 * <p>The range {@code (after, upTo]} holds, besides the backlog's records, messages that memory does hold
 * (delayed or in flight when their neighbours left memory, or too young to leave) and delayed messages that the
 * timer index holds ({@link ColdDelays}, their records marked {@code COLD}): every record in the range that memory
 * does not hold, that is not {@code COLD} and that is not {@link #forget forgotten} belongs to the backlog, and
 * {@link #count} counts exactly those. The range grows upwards as new messages leave memory (they have higher
 * ordinals than any before them), downwards when a shrinking window lets older ones go ({@link #addBelow}), and is
 * consumed from below. Its messages' enqueue times never decrease with their ordinal (the queue only lets a message
 * in that keeps it so), so its lowest message is its oldest: retention removes the backlog from below too, without
 * looking through it.
 *
 * <p>Only records whose last write is durable enter it ({@link Message#settled}, never received): a read of the
 * store then sees what memory saw. A message of the range that memory held and that leaves the queue is
 * remembered ({@link #forget}) until the range's start passes it, since its delete may not be applied yet when a
 * page is read. Not thread-safe: the queue's lock guards it.
 */
final class Backlog {
    private final Store store;
    private final SqsStoreLayout layout;
    private final long queueNumber;
    private long after;
    private long upTo;
    private long count;
    private long headEnqueuedMillis = Long.MAX_VALUE;
    private long tailEnqueuedMillis = Long.MIN_VALUE;
    private final TreeSet<Long> forgotten = new TreeSet<>();
    /** Run before every read of the store: the queue's other writes that reads must see ({@link ColdDelays#settle}). */
    private final Runnable beforeRead;

    Backlog(Store store, SqsStoreLayout layout, long queueNumber, Runnable beforeRead) {
        this.store = store;
        this.layout = layout;
        this.queueNumber = queueNumber;
        this.beforeRead = beforeRead;
    }

    /** The visible messages held only by the store. */
    long count() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The enqueue time of the backlog's oldest message, or Long.MAX_VALUE when it is empty. */
    long oldestEnqueuedMillis() {
        return count == 0 ? Long.MAX_VALUE : headEnqueuedMillis;
    }

    /** Whether a message of this ordinal would be above the range (every ordinal is while it is empty). */
    boolean above(long ordinal) {
        return count == 0 || ordinal > upTo;
    }

    /** Whether {@code m}, visible and settled, may leave memory for the backlog: above it and not older than its newest. */
    boolean accepts(Message m) {
        return count == 0 || m.ordinal > upTo && m.enqueuedMillis >= tailEnqueuedMillis;
    }

    /** The range's lower end (exclusive): a message below it may only join through {@link #addBelow}. */
    long after() {
        return after;
    }

    /** The range's upper end (inclusive): the newest message that joined. */
    long upTo() {
        return upTo;
    }

    /** Whether this ordinal lies in the range (a message memory holds may: {@link #forget}). */
    boolean spans(long ordinal) {
        return count > 0 && ordinal > after && ordinal <= upTo;
    }

    /**
     * Whether {@code m}, visible and settled, may join the backlog from below: the backlog is not empty, {@code m}
     * lies under it and is not younger than {@code oldest}, the lowest message joining with it so far (the head's
     * enqueue time when none has).
     */
    boolean acceptsBelow(Message m, long oldest) {
        return count > 0 && m.ordinal <= after && m.enqueuedMillis <= Math.min(oldest, headEnqueuedMillis);
    }

    /**
     * Takes messages that memory lets go of from below the range (each {@link #acceptsBelow accepted}, memory still
     * holding them while this runs): the range grows down to the lowest of them. A record in the range's new part
     * that memory does not hold and that is not one of them can only be a message whose delete is not yet applied
     * to the store: it is forgotten, so no page brings it back.
     */
    void addBelow(List<Message> leaving, LongPredicate held) {
        if (leaving.isEmpty()) {
            return;
        }
        long lowest = Long.MAX_VALUE;
        long oldest = headEnqueuedMillis;
        java.util.Set<Long> joining = new java.util.HashSet<>();
        for (Message m : leaving) {
            lowest = Math.min(lowest, m.ordinal);
            oldest = Math.min(oldest, m.enqueuedMillis);
            joining.add(m.ordinal);
        }
        beforeRead.run();
        store.scan(layout.messages, SqsStoreLayout.messageKey(queueNumber, lowest),
                SqsStoreLayout.messageKey(queueNumber, after + 1), (key, value) -> {
                    long ordinal = ByteBuffer.wrap(key, 8, 8).getLong();
                    if (!joining.contains(ordinal) && !held.test(ordinal)
                            && SqsStoreLayout.decodeState(ordinal, value).state != Message.State.COLD) {
                        forgotten.add(ordinal);
                    }
                    return true;
                });
        after = lowest - 1;
        headEnqueuedMillis = oldest;
        count += leaving.size();
    }

    /** Takes a message that memory lets go of (or that recovery found and never held); see {@link #accepts}. */
    void add(Message m) {
        if (count == 0) {
            after = m.ordinal - 1;
            headEnqueuedMillis = m.enqueuedMillis;
            forgotten.clear();
        }
        upTo = m.ordinal;
        tailEnqueuedMillis = m.enqueuedMillis;
        count++;
    }

    /** A message memory held inside the range has left the queue: its record must not come back from a page. */
    void forget(long ordinal) {
        if (count > 0 && ordinal > after && ordinal <= upTo) {
            forgotten.add(ordinal);
        }
    }

    /**
     * Reads the backlog's next (lowest) messages, up to {@code max}, and leaves them to the caller to hold;
     * delayed and in-flight states whose time has come read as visible.
     */
    List<Message> take(int max, LongPredicate held, long now) {
        List<Message> taken = new ArrayList<>(Math.min(max, (int) Math.min(count, Integer.MAX_VALUE)));
        if (count == 0 || max <= 0) {
            return taken;
        }
        consumeFromHead(max, held, (ordinal, m) -> {
            if (m.state != Message.State.VISIBLE && m.visibleAtMillis <= now) {
                m.state = Message.State.VISIBLE;
            }
            m.settled = true;
            taken.add(m);
            return true;
        });
        return taken;
    }

    /**
     * Deletes, oldest first and at most {@code max}, the backlog's messages enqueued at or before
     * {@code oldestKept} (retention); their deletes go into {@code batch}. Returns how many.
     */
    int expire(long oldestKept, int max, LongPredicate held, WriteBatch batch) {
        if (count == 0 || headEnqueuedMillis > oldestKept) {
            return 0;
        }
        return consumeFromHead(max, held, (ordinal, m) -> {
            if (m.enqueuedMillis > oldestKept) {
                return false;
            }
            byte[] key = SqsStoreLayout.messageKey(queueNumber, ordinal);
            batch.delete(layout.messages, key);
            batch.delete(layout.bodies, key);
            return true;
        });
    }

    /** Up to {@code max} of the backlog's messages, oldest first, read but not taken (peeks). */
    List<Message> peek(int max, LongPredicate held) {
        List<Message> seen = new ArrayList<>();
        if (count == 0 || max <= 0) {
            return seen;
        }
        visit(held, (ordinal, m) -> {
            m.settled = true;
            seen.add(m);
            return seen.size() < max;
        });
        return seen;
    }

    /** The queue was purged or deleted: its records are gone with a range delete. */
    void clear() {
        count = 0;
        after = upTo;
        headEnqueuedMillis = Long.MAX_VALUE;
        tailEnqueuedMillis = Long.MIN_VALUE;
        forgotten.clear();
    }

    private interface Visitor {
        boolean visit(long ordinal, Message m);
    }

    /**
     * The backlog's records in ordinal order (not those memory holds or forgot, nor delayed ones the timer index
     * holds) while the visitor wants more.
     */
    private void visit(LongPredicate held, Visitor visitor) {
        beforeRead.run();
        store.scan(layout.messages, SqsStoreLayout.messageKey(queueNumber, after + 1),
                SqsStoreLayout.messageKey(queueNumber, upTo + 1), (key, value) -> {
                    long ordinal = ByteBuffer.wrap(key, 8, 8).getLong();
                    if (held.test(ordinal) || forgotten.contains(ordinal)) {
                        return true;
                    }
                    Message m = SqsStoreLayout.decodeState(ordinal, value);
                    return m.state == Message.State.COLD || visitor.visit(ordinal, m);
                });
    }

    /**
     * Hands the backlog's messages to {@code consumer}, lowest first and at most {@code max}, for as long as it takes
     * them (answers true); the first one it does not get or refuses is the backlog's new head. Returns how many went.
     */
    private int consumeFromHead(int max, LongPredicate held, Visitor consumer) {
        int[] consumed = {0};
        long[] head = new long[2]; // the first message kept: its ordinal and enqueue time
        boolean[] kept = {false};
        visit(held, (ordinal, m) -> {
            if (consumed[0] < max && consumer.visit(ordinal, m)) {
                consumed[0]++;
                return true;
            }
            head[0] = ordinal;
            head[1] = m.enqueuedMillis;
            kept[0] = true;
            return false;
        });
        if (!kept[0]) {
            clear(); // every message of the range went
        } else {
            count -= consumed[0];
            after = head[0] - 1;
            forgotten.headSet(after, true).clear();
            headEnqueuedMillis = head[1];
        }
        return consumed[0];
    }
}
