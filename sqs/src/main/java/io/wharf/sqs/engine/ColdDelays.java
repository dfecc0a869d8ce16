package io.wharf.sqs.engine;

import io.wharf.storage.Commit;
import io.wharf.storage.Store;
import io.wharf.storage.WriteBatch;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The delayed messages of a queue that memory does not hold: beyond the queue's window
 * ({@link HotWindows#window()}), the delayed messages that become visible last stay in the store only, ordered by
 * that time in {@code sqs.timers}, and come back into memory a page at a time, earliest first, when memory holds
 * few delayed messages or the earliest of them is due. So a queue's heap is bounded by its window for its delayed
 * messages too, however long they wait and however many there are.
 *
 * <p>A message leaves memory with one atomic write: its timer record ({@code queue, visibleAt, ordinal} → its
 * state; on a FIFO queue {@code queue, sent, ordinal}: see {@link #fifoDelayMillis}) and its {@code sqs.messages}
 * record rewritten with the state {@link Message.State#COLD}, which tells recovery and the visible {@link Backlog}
 * that the timer index holds it. It comes back with one write too: the
 * timer record deleted, the message record rewritten as delayed (or visible when its time came). Nothing else
 * changes a delayed message meanwhile (it has no receipt handle yet): a purge or a queue delete removes both
 * records with range deletes, and a message whose retention ran out while it waited is deleted when it is read
 * back instead of being held.
 *
 * <p>Every timer record of the store is at or above the horizon ({@code horizonAt}, {@code horizonOrdinal}); memory
 * may hold delayed messages above it too (a message is held until its send is durable, and a page is read up to its
 * size). Reads of the store see a write only once its commit is awaited, so {@link #settle} awaits this index's last
 * write before the queue reads the store (its own pages, and the backlog's): a record read as {@code COLD} is then
 * really held here only. Not thread-safe: the queue's lock guards it.
 */
final class ColdDelays {
    private final Store store;
    private final SqsStoreLayout layout;
    private final long queueNumber;
    private long count;
    /** The lowest key (its time, ordinal) the timer index may hold; meaningless while {@link #count} is 0. */
    private long horizonAt = Long.MAX_VALUE;
    private long horizonOrdinal = Long.MAX_VALUE;
    /** This index's last write, until it was awaited. */
    private Commit pending;

    /**
     * A FIFO queue's delay, or null for a standard queue. A FIFO queue delays every message it has not delivered yet
     * by its current DelaySeconds from when it was sent (a change is retroactive), so its records are keyed by that
     * time ({@code enqueuedMillis}) and become visible at it plus this delay: a change needs no rewrite, and the
     * order by key is the order they were sent in.
     */
    private final LongSupplier fifoDelayMillis;

    ColdDelays(Store store, SqsStoreLayout layout, long queueNumber, LongSupplier fifoDelayMillis) {
        this.store = store;
        this.layout = layout;
        this.queueNumber = queueNumber;
        this.fifoDelayMillis = fifoDelayMillis;
    }

    /** The time a message is keyed by: when it becomes visible, or on a FIFO queue when it was sent. */
    private long timeOf(Message m) {
        return fifoDelayMillis == null ? m.visibleAtMillis : m.enqueuedMillis;
    }

    /** When a message keyed by {@code time} becomes visible. */
    private long visibleAt(long time) {
        return fifoDelayMillis == null ? time : time + fifoDelayMillis.getAsLong();
    }

    /** The key time up to which messages are visible at {@code now}. */
    private long dueTime(long now) {
        return fifoDelayMillis == null ? now : now - fifoDelayMillis.getAsLong();
    }

    /** The delayed messages held by the store only. */
    long count() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** When the earliest of them becomes visible, or Long.MAX_VALUE. */
    long nextVisibleAtMillis() {
        return count == 0 ? Long.MAX_VALUE : visibleAt(horizonAt);
    }

    /** The ordinal of the message that becomes visible first, or Long.MAX_VALUE. */
    long nextOrdinal() {
        return count == 0 ? Long.MAX_VALUE : horizonOrdinal;
    }

    /**
     * How many of these messages are due at {@code now} (visible, for the queue's counts, until a read brings them
     * back), counting at most {@code cap}: a scan of the store from the earliest, only when that one is due.
     */
    long dueCount(long now, int cap) {
        if (count == 0 || horizonAt > dueTime(now)) {
            return 0;
        }
        settle();
        long[] due = {0};
        store.scan(layout.timers, timerKey(horizonAt, horizonOrdinal), timerKey(dueTime(now) + 1, 0),
                (key, value) -> ++due[0] < cap);
        return Math.min(due[0], count);
    }

    /** Waits until this index's last write is durable, so reads of the store see it. */
    void settle() {
        Commit last = pending;
        if (last != null) {
            last.await();
            pending = null;
        }
    }

    /**
     * Lets these delayed, settled messages go to the store (memory still holds them while this runs; the caller
     * drops them after). Submits the write at once: the queue's later writes come after it.
     */
    void add(List<Message> leaving) {
        if (leaving.isEmpty()) {
            return;
        }
        WriteBatch batch = new WriteBatch();
        for (Message m : leaving) {
            byte[] state = SqsStoreLayout.encodeState(m);
            batch.put(layout.timers, timerKey(timeOf(m), m.ordinal), state);
            batch.put(layout.messages, SqsStoreLayout.messageKey(queueNumber, m.ordinal),
                    SqsStoreLayout.encodeState(m, Message.State.COLD));
        }
        pending = store.submit(batch);
        leaving.forEach(this::counted);
    }

    /** Counts a message that the timer index holds (recovery found it there, or {@link #add} put it there). */
    void counted(Message m) {
        if (count == 0 || below(timeOf(m), m.ordinal, horizonAt, horizonOrdinal)) {
            horizonAt = timeOf(m);
            horizonOrdinal = m.ordinal;
        }
        count++;
    }

    /** One read back passes at most this many messages whose retention ended (deleting them) besides those it takes. */
    private static final int EXPIRE_AT_ONCE = 10_000;

    /**
     * Reads back up to {@code max} of the earliest messages and leaves them to the caller to hold, delayed or
     * visible as {@code now} makes them; those whose retention ended at or before {@code oldestKept} are deleted
     * instead (up to {@link #EXPIRE_AT_ONCE}, not counted in {@code max}). One write moves them all (submitted here).
     */
    List<Message> take(int max, long now, long oldestKept) {
        return take(max, now, oldestKept, false);
    }

    /** As {@link #take(int, long, long)}; with {@code dueOnly}, none that is still delayed at {@code now}. */
    List<Message> take(int max, long now, long oldestKept, boolean dueOnly) {
        List<Message> taken = new ArrayList<>();
        if (count == 0 || max <= 0) {
            return taken;
        }
        settle();
        WriteBatch batch = new WriteBatch();
        int[] read = {0};
        long[] next = {Long.MAX_VALUE, Long.MAX_VALUE};
        store.scan(layout.timers, timerKey(horizonAt, horizonOrdinal), SqsStoreLayout.queuePrefixEnd(queueNumber),
                (key, value) -> {
                    ByteBuffer k = ByteBuffer.wrap(key, 8, 16);
                    long time = k.getLong();
                    long ordinal = k.getLong();
                    if (taken.size() == max || read[0] == max + EXPIRE_AT_ONCE || dueOnly && visibleAt(time) > now) {
                        next[0] = time;
                        next[1] = ordinal;
                        return false;
                    }
                    read[0]++;
                    batch.delete(layout.timers, key);
                    byte[] messageKey = SqsStoreLayout.messageKey(queueNumber, ordinal);
                    Message m = SqsStoreLayout.decodeState(ordinal, value);
                    if (m.enqueuedMillis <= oldestKept) {
                        batch.delete(layout.messages, messageKey);
                        batch.delete(layout.bodies, messageKey);
                        return true;
                    }
                    if (fifoDelayMillis != null) {
                        m.visibleAtMillis = visibleAt(time); // the queue's delay now, not the one it was sent with
                    }
                    m.state = m.visibleAtMillis <= now ? Message.State.VISIBLE : Message.State.DELAYED;
                    m.settled = true;
                    batch.put(layout.messages, messageKey, SqsStoreLayout.encodeState(m));
                    taken.add(m);
                    return true;
                });
        if (!batch.isEmpty()) {
            pending = store.submit(batch);
        }
        count -= read[0];
        if (next[0] == Long.MAX_VALUE || count <= 0) {
            clear(); // the index is empty (a count above what the store held would only be a miscount)
        } else {
            horizonAt = next[0];
            horizonOrdinal = next[1];
        }
        return taken;
    }

    /** The queue was purged or deleted: the timer records are gone with a range delete. */
    void clear() {
        count = 0;
        horizonAt = Long.MAX_VALUE;
        horizonOrdinal = Long.MAX_VALUE;
    }

    private byte[] timerKey(long visibleAt, long ordinal) {
        return SqsStoreLayout.timerKey(queueNumber, visibleAt, ordinal);
    }

    private static boolean below(long at, long ordinal, long otherAt, long otherOrdinal) {
        return at < otherAt || at == otherAt && ordinal < otherOrdinal;
    }
}
