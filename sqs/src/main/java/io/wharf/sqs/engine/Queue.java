package io.wharf.sqs.engine;

import io.wharf.storage.WriteBatch;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One queue's state and its lock. Everything below the {@link #lock} is guarded by it: the messages, their
 * indexes (visible by ordinal; delayed and in-flight by the time they become visible; all by age for retention),
 * the counters and the FIFO bookkeeping. Receivers that long-poll wait on {@link #changed}.
 *
 * <p>Timers are lazy: {@link #advance} moves messages whose time has come, so no thread ticks per queue.
 *
 * <p>Waking long polls is this class's job, not its callers': a waiting receive sleeps until its deadline or
 * {@link #nextTimedChangeAtMillis}, whichever comes first, and the index changes below signal {@link #changed}
 * whenever they may let it take something sooner than that — a message becomes visible, the earliest timer moves
 * earlier, or an in-flight message leaves while others are visible (which releases its FIFO group, or room under
 * the in-flight limit). So no change to a message, whatever operation makes it (delete, batch delete,
 * visibility change, expiry, redrive, purge), can leave a receiver asleep. The index changes are made under the
 * {@link #lock}, and a change's write is submitted before the lock is released, so a receiver woken by it submits
 * its own write after that one and its answer, which awaits its own write, cannot come before the change is durable.
 */
final class Queue {
    /** The persistent description of a queue (messages live under its {@code number}). */
    record Record(long number, QueueId id, long createdMillis, long lastModifiedMillis, long lastPurgeMillis,
                  Map<String, String> attributes, Map<String, String> tags) {
        Record withAttributes(Map<String, String> next, long now) {
            return new Record(number, id, createdMillis, now, lastPurgeMillis, Map.copyOf(next), tags);
        }

        Record withTags(Map<String, String> next) {
            return new Record(number, id, createdMillis, lastModifiedMillis, lastPurgeMillis, attributes,
                    Map.copyOf(next));
        }

        Record withLastPurge(long now) {
            return new Record(number, id, createdMillis, lastModifiedMillis, now, attributes, tags);
        }
    }

    /** A remembered FIFO deduplication id: later sends with it answer with the original message. */
    record Deduplication(String messageId, long ordinal, long expiresAtMillis) {
    }

    private static final Comparator<Message> BY_VISIBLE_AT =
            Comparator.<Message>comparingLong(m -> m.visibleAtMillis).thenComparingLong(m -> m.ordinal);
    private static final Comparator<Message> BY_AGE =
            Comparator.<Message>comparingLong(m -> m.enqueuedMillis).thenComparingLong(m -> m.ordinal);

    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    final SqsStoreLayout layout;
    /** The memory that holds young messages' contents: a message leaving for the backlog lets its content go. */
    private final ContentMemory contents;
    private volatile Record record;
    private volatile QueueSettings settings;
    private volatile io.wharf.protocol.crypto.DataKeyRing.Scope encryption;
    boolean deleted;

    final Map<Long, Message> messages = new HashMap<>();
    final TreeMap<Long, Message> visible = new TreeMap<>();
    final TreeSet<Message> timed = new TreeSet<>(BY_VISIBLE_AT);
    private final TreeSet<Message> byAge = new TreeSet<>(BY_AGE);
    int delayedCount;
    int inflightCount;
    final Map<String, Integer> inflightByGroup = new HashMap<>();
    /** FIFO: each group's visible messages in order, so a receive can fill from one group first. */
    final Map<String, TreeMap<Long, Message>> visibleByGroup = new HashMap<>();
    /** FIFO: groups whose head is being moved to the dead-letter queue; they wait so the order is kept there. */
    final java.util.Set<String> movingGroups = new java.util.HashSet<>();
    /** FIFO: the deduplication ids of the last five minutes, in the store ({@code sqs.dedup}, {@code sqs.dedupexp}). */
    final io.wharf.storage.ExpiringIds<Deduplication> deduplication;
    /** FIFO: the ReceiveRequestAttemptIds of the last five minutes, in the store ({@code sqs.attempts}). */
    final ReceiveAttempts receiveAttempts;
    /**
     * The visible messages beyond the window ({@link #windows}), in the store only. On a FIFO queue they are the
     * newest, and a receive takes nothing above the backlog's start ({@link #receivable}), so each group's messages
     * in memory come before its messages in the backlog.
     */
    final Backlog backlog;
    /** The delayed messages beyond the window, in the store only. */
    final ColdDelays cold;
    /** The shared budget that sets this queue's window; {@link #reportedVisible} is this queue's share of it. */
    private final HotWindows windows;
    /** The cap on all queues' in-flight messages; {@link #inflightCount} is this queue's part of it. */
    final InflightBudget inflight;
    private volatile int reportedVisible;
    private long lastOrdinal;
    /** For the AWS/SQS metrics; not guarded by the lock (adders and a volatile). */
    final QueueActivity activity;

    /** Retention deletes at most this many backlog messages per {@link #advance}; the next call goes on. */
    private static final int EXPIRE_AT_ONCE = 10_000;
    /**
     * The counts take at most this many due messages of the timer index as visible (a scan); more count as delayed
     * until the queue's operations read them back.
     */
    private static final int DUE_COUNTED = 10_000;
    /** A page read back from the backlog holds at most this many messages. */
    private static final int PAGE = 1_000;
    /** One look for messages that may leave memory examines at most this many, newest first. */
    private static final int SPILL_LOOKS = 10_000;
    /** The visible count above which the next such look is taken (0: the window's own threshold). */
    private int nextSpillAt;
    /** The same for delayed messages leaving for the timer index. */
    private int nextDelaySpillAt;

    Queue(SqsStoreLayout layout, io.wharf.storage.Store store, Record record, HotWindows windows,
          InflightBudget inflight, ContentMemory contents) {
        this.layout = layout;
        this.contents = contents;
        this.cold = new ColdDelays(store, layout, record.number(),
                record.id().isFifo() ? () -> settings.delaySeconds() * 1000L : null);
        this.deduplication = new io.wharf.storage.ExpiringIds<>(store, layout.dedup, layout.dedupExpiry,
                SqsStoreLayout.queuePrefix(record.number()), Deduplications.CODEC);
        this.receiveAttempts = new ReceiveAttempts(store, layout, record.number());
        this.backlog = new Backlog(store, layout, record.number(), cold::settle);
        this.windows = windows;
        this.inflight = inflight;
        setRecord(record);
        this.activity = new QueueActivity(Math.max(record.createdMillis(), record.lastModifiedMillis()));
    }

    /** This queue's activity for the AWS/SQS metrics; drains the sizes sent since the last call. */
    QueueCounters counters() {
        QueueActivity a = activity;
        return new QueueCounters(id(), a.sent.sum(), a.received.sum(), a.deleted.sum(), a.emptyReceives.sum(),
                a.sentSizes.drain(), a.lastUsedMillis);
    }

    QueueThroughput throughput() {
        QueueActivity a = activity;
        return new QueueThroughput(id(), a.sent.sum(), a.received.sum(), a.deleted.sum());
    }

    QueueId id() {
        return record.id();
    }

    long number() {
        return record.number();
    }

    Record record() {
        return record;
    }

    QueueSettings settings() {
        return settings;
    }

    void setRecord(Record next) {
        record = next;
        settings = QueueSettings.of(next.id().isFifo(), next.attributes());
        encryption = Encryption.scopeOf(next.id(), next.attributes());
    }

    /** How contents are sealed at rest, or null when they are stored in plain. */
    io.wharf.protocol.crypto.DataKeyRing.Scope encryption() {
        return encryption;
    }

    void persistRecord(WriteBatch batch) {
        batch.put(layout.queues, SqsStoreLayout.queueKey(record.id()), SqsStoreLayout.encodeQueue(record));
    }

    /** The next position in the queue: increasing, and far apart from earlier lives of the process. */
    long nextOrdinal(long now) {
        lastOrdinal = Math.max(lastOrdinal + 1, now * 1000);
        return lastOrdinal;
    }

    void add(Message m) {
        long earliest = nextVisibleAtMillis();
        messages.put(m.ordinal, m);
        byAge.add(m);
        lastOrdinal = Math.max(lastOrdinal, m.ordinal);
        attach(m);
        if (m.state == Message.State.VISIBLE || m.visibleAtMillis < earliest) {
            wakeReceivers();
        }
    }

    void remove(Message m) {
        Message.State was = m.state;
        detach(m);
        messages.remove(m.ordinal);
        byAge.remove(m);
        backlog.forget(m.ordinal);
        if (was == Message.State.INFLIGHT && !visible.isEmpty()) {
            wakeReceivers(); // its FIFO group may be free now, or there is room under the in-flight limit
        }
    }

    void removeAll() {
        messages.clear();
        visible.clear();
        timed.clear();
        byAge.clear();
        delayedCount = 0;
        inflight.moved(-inflightCount);
        inflightCount = 0;
        inflightByGroup.clear();
        visibleByGroup.clear();
        backlog.clear();
        cold.clear();
        report();
        wakeReceivers(); // no group is in flight any more, and no timer is due
    }

    /** Moves a message to a new state; {@code visibleAt} matters for DELAYED and INFLIGHT. */
    void transition(Message m, Message.State state, long visibleAt) {
        long earliest = nextVisibleAtMillis();
        detach(m);
        m.state = state;
        m.visibleAtMillis = visibleAt;
        attach(m);
        if (state == Message.State.VISIBLE || visibleAt < earliest) {
            wakeReceivers();
        }
    }

    /**
     * Signals the receivers waiting on {@link #changed}: they look again and either take what they may now or
     * sleep until the new {@link #nextTimedChangeAtMillis}. Under the {@link #lock} (the condition insists).
     */
    void wakeReceivers() {
        changed.signalAll();
    }

    /**
     * The counts {@link #advance} would leave at {@code now}, without making its changes (a scrape writes nothing):
     * delayed and in-flight messages whose time has come count as visible, those of the timer index too (up to
     * {@link #DUE_COUNTED}). Takes the lock.
     */
    QueueStats stats(long now) {
        lock.lock();
        try {
            long visibleNow = visibleCount();
            long delayedNow = delayedTotal();
            long inflightNow = inflightCount;
            for (Message m : timed) {
                if (m.visibleAtMillis > now) {
                    break;
                }
                visibleNow++;
                if (m.state == Message.State.DELAYED) {
                    delayedNow--;
                } else {
                    inflightNow--;
                }
            }
            long dueInStore = dueInStore(now);
            visibleNow += dueInStore;
            delayedNow -= dueInStore;
            long oldestMillis = Math.min(byAge.isEmpty() ? Long.MAX_VALUE : byAge.first().enqueuedMillis,
                    backlog.oldestEnqueuedMillis());
            long oldest = oldestMillis == Long.MAX_VALUE ? 0 : Math.max(0, now - oldestMillis) / 1000;
            return new QueueStats(id(), visibleNow, inflightNow, delayedNow, oldest);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The messages of the timer index that are due at {@code now}: visible ones for the counts, though operations read
     * them back only a page at a time (at most {@link #DUE_COUNTED}; the caller holds the lock).
     */
    long dueInStore(long now) {
        return cold.dueCount(now, DUE_COUNTED);
    }

    /** The enqueue time at or before which a message's retention has ended. */
    private long oldestKept(long now) {
        return now - settings.messageRetentionPeriod() * 1000L;
    }

    /** Delayed messages, in memory and in the timer index (the caller holds the lock). */
    long delayedTotal() {
        return delayedCount + cold.count();
    }

    /** Visible messages, in memory and in the backlog (the caller holds the lock). */
    long visibleCount() {
        return visible.size() + backlog.count();
    }

    /**
     * The visible messages a receive may take, in order (the caller holds the lock): all that memory holds, except on
     * a FIFO queue with a backlog, where those above the backlog's start wait for it to be read back, since messages
     * of their groups that were sent before them may be in it.
     */
    java.util.NavigableMap<Long, Message> receivable(long now) {
        long upTo = receivableUpTo(now);
        return upTo == Long.MAX_VALUE ? visible : visible.headMap(upTo, true);
    }

    /**
     * The highest ordinal a receive may take (see {@link #receivable}). On a FIFO queue whose timer index holds due
     * messages, also none above the earliest of them: a FIFO queue delays all its messages alike, so that one was sent
     * before those, and its group's later messages must wait for it.
     */
    long receivableUpTo(long now) {
        if (!settings.fifo()) {
            return Long.MAX_VALUE;
        }
        long upTo = backlog.isEmpty() ? Long.MAX_VALUE : backlog.after();
        return cold.nextVisibleAtMillis() <= now ? Math.min(upTo, cold.nextOrdinal() - 1) : upTo;
    }

    /**
     * FIFO: a receive found fewer messages than it may take (their groups in flight, or none left below the backlog).
     * AWS looks as deep as the first {@code reach} messages of the queue for free groups, so while memory holds fewer,
     * the due messages of the timer index are read in (a receive takes nothing above them), or else the backlog's
     * next page. Returns whether any message came.
     */
    boolean reachFurther(long now, int reach) {
        if (!settings.fifo() || messages.size() >= reach) {
            return false;
        }
        int max = Math.min(PAGE, reach - messages.size());
        return takeDue(max, now) > 0 || !backlog.isEmpty() && pageIn(max, now) > 0;
    }

    /** Reads up to {@code max} of the timer index's messages that are due at {@code now} into memory; how many. */
    private int takeDue(int max, long now) {
        if (cold.nextVisibleAtMillis() > now) {
            return 0;
        }
        java.util.List<Message> due = cold.take(max, now, oldestKept(now), true);
        due.forEach(this::add);
        return due.size();
    }

    /**
     * FIFO: a visible message memory holds inside the backlog's range (in flight or received before when its
     * neighbours left, or moved in; see {@link #balanceFifo}) can only be received once the backlog is read up to it:
     * reads it in, as far as {@code reach} allows.
     */
    void reachHeld(long now, int reach) {
        Long held;
        while (settings.fifo() && (held = visible.higherKey(backlog.after())) != null && backlog.spans(held)
                && reachFurther(now, reach)) {
            // read on until the backlog's start passes the held message
        }
    }

    /**
     * Reads a page back from the backlog when fewer than half the window of visible messages is left in memory, as
     * many as fill the window (at least one, at most a page).
     */
    private void refill(int window, long now) {
        if (!backlog.isEmpty() && visible.size() < Math.max(1, window / 2)) {
            pageIn(Math.max(1, Math.min(PAGE, window - visible.size())), now);
        }
    }

    /** Reads up to {@code max} of the backlog's lowest messages back into memory; returns how many. */
    private int pageIn(int max, long now) {
        java.util.List<Message> page = backlog.take(max, messages::containsKey, now);
        for (Message m : page) {
            retimeFifo(m, now);
            add(m);
        }
        return page.size();
    }

    /**
     * A FIFO queue's DelaySeconds is retroactive: a message it has not delivered yet becomes visible that long after
     * it was sent, whatever the delay was then. The messages in memory follow a change at once
     * ({@code QueueConfiguration}), the timer index's by its keys ({@link ColdDelays}); one read from the store
     * otherwise (the backlog, recovery) follows it here.
     */
    private void retimeFifo(Message m, long now) {
        if (!followsQueueDelay(m)) {
            return;
        }
        long visibleAt = queueDelayEnds(m);
        if (visibleAt > now) {
            m.state = Message.State.DELAYED;
            m.visibleAtMillis = visibleAt;
        } else if (m.state == Message.State.DELAYED) {
            m.state = Message.State.VISIBLE;
            m.visibleAtMillis = now;
        }
    }

    /** FIFO: whether {@code m} follows the queue's DelaySeconds, retroactively: never delivered, visible or delayed. */
    boolean followsQueueDelay(Message m) {
        return settings.fifo() && m.receiveCount == 0
                && (m.state == Message.State.VISIBLE || m.state == Message.State.DELAYED);
    }

    /** FIFO: when the queue's DelaySeconds, as it is now, ends for {@code m} (sent at its enqueue time). */
    long queueDelayEnds(Message m) {
        return m.enqueuedMillis + settings.delaySeconds() * 1000L;
    }

    /**
     * The oldest {@code max} messages in any state, oldest first (the caller holds the lock); those of the
     * backlog are read, not taken back into memory.
     */
    java.util.List<Message> oldestFirst(int max) {
        java.util.List<Message> oldest = new java.util.ArrayList<>(Math.min(max, byAge.size()));
        for (Message m : byAge) {
            if (oldest.size() == max) {
                break;
            }
            oldest.add(m);
        }
        if (!backlog.isEmpty()) {
            oldest.addAll(backlog.peek(max, messages::containsKey));
            oldest.sort(BY_AGE);
            if (oldest.size() > max) {
                oldest = new java.util.ArrayList<>(oldest.subList(0, max));
            }
        }
        return oldest;
    }

    /** How many messages memory holds (for tests and diagnostics; takes the lock). */
    int heldMessages() {
        lock.lock();
        try {
            return messages.size();
        } finally {
            lock.unlock();
        }
    }

    /** How many receives are waiting on this queue now (for tests and diagnostics; takes the lock). */
    int waitingReceivers() {
        lock.lock();
        try {
            return lock.getWaitQueueLength(changed);
        } finally {
            lock.unlock();
        }
    }

    private void attach(Message m) {
        switch (m.state) {
            case VISIBLE -> {
                visible.put(m.ordinal, m);
                if (m.groupId != null && settings.fifo()) {
                    visibleByGroup.computeIfAbsent(m.groupId, g -> new TreeMap<>()).put(m.ordinal, m);
                }
            }
            case DELAYED -> {
                delayedCount++;
                timed.add(m);
            }
            case INFLIGHT -> {
                inflightCount++;
                inflight.moved(1);
                timed.add(m);
                if (m.groupId != null && settings.fifo()) {
                    inflightByGroup.merge(m.groupId, 1, Integer::sum);
                }
            }
        }
    }

    private void detach(Message m) {
        switch (m.state) {
            case VISIBLE -> {
                visible.remove(m.ordinal);
                if (m.groupId != null && settings.fifo()) {
                    TreeMap<Long, Message> group = visibleByGroup.get(m.groupId);
                    group.remove(m.ordinal);
                    if (group.isEmpty()) {
                        visibleByGroup.remove(m.groupId);
                    }
                }
            }
            case DELAYED -> {
                delayedCount--;
                timed.remove(m);
            }
            case INFLIGHT -> {
                inflightCount--;
                inflight.moved(-1);
                timed.remove(m);
                if (m.groupId != null && settings.fifo()) {
                    inflightByGroup.computeIfPresent(m.groupId, (g, n) -> n == 1 ? null : n - 1);
                }
            }
        }
    }

    /**
     * The start of every change to a queue, under {@link #lock}: refuses a queue deleted meanwhile, brings the
     * indexes up to {@code now} ({@link #advance}) and returns the batch that collects the change's writes.
     */
    WriteBatch begin(long now) {
        if (deleted) {
            throw io.wharf.sqs.SqsErrors.queueDoesNotExist();
        }
        WriteBatch batch = new WriteBatch();
        advance(now, batch);
        return batch;
    }

    /**
     * Brings the indexes up to {@code now}: delayed and in-flight messages whose time has come become visible,
     * messages past the retention period and expired deduplication and receive attempt ids are dropped (their deletes
     * go into {@code batch}).
     */
    void advance(long now, WriteBatch batch) {
        releaseTimers(now);
        long oldestKept = oldestKept(now);
        while (!byAge.isEmpty() && byAge.first().enqueuedMillis <= oldestKept) {
            Message expired = byAge.first();
            remove(expired);
            persistDelete(batch, expired);
        }
        backlog.expire(oldestKept, EXPIRE_AT_ONCE, messages::containsKey, batch);
        balance(now);
        if (settings.fifo()) {
            deduplication.expire(now, batch);
            receiveAttempts.expire(now, batch);
        }
    }

    /**
     * Brings an idle standard queue's memory down to its window when the budget shrank it ({@link WindowTrimmer}):
     * does nothing when the queue holds no more than its window, or when another thread holds its lock (that
     * operation balances it itself).
     */
    void trim(long now) {
        if (reportedVisible <= windows.window() || !lock.tryLock()) {
            return;
        }
        try {
            if (!deleted) {
                balance(now);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes the in-flight (and delayed) messages whose time has come visible now, as the queue's next operation would
     * ({@link #advance}), so the {@link InflightBudget} stops counting them while the queue is idle. Does nothing when
     * nothing is in flight or another thread holds the lock (that operation advances the queue itself).
     */
    void releaseDue(long now) {
        if (inflightCount == 0 || !lock.tryLock()) { // a racy read of the count: a hint, checked again under the lock
            return;
        }
        try {
            if (deleted || inflightCount == 0) {
                return;
            }
            releaseTimers(now);
            report();
        } finally {
            lock.unlock();
        }
    }

    /** Delayed and in-flight messages whose time has come become visible. */
    private void releaseTimers(long now) {
        while (!timed.isEmpty() && timed.first().visibleAtMillis <= now) {
            transition(timed.first(), Message.State.VISIBLE, now);
        }
    }

    /** Tells the shared budget how many visible and delayed messages this queue holds now. */
    private void report() {
        int held = visible.size() + delayedCount;
        windows.moved(reportedVisible, held);
        reportedVisible = held;
    }

    /**
     * Keeps a queue's visible and delayed messages in memory near its window ({@link HotWindows#window()}): the
     * delayed ones that become visible last wait in the timer index ({@link ColdDelays}) when a quarter more than the
     * window have come, and come back earliest first when fewer than half are left or the earliest is due; the
     * visible ones as {@link #balanceStandard} and {@link #balanceFifo} keep them. The rest stays in memory (in
     * flight, not yet durable, received before).
     */
    private void balance(long now) {
        report();
        int window = windows.window();
        if (settings.fifo()) {
            takeDue(PAGE, now); // at once, a page per operation: a receive takes nothing above them (receivableUpTo)
        }
        if (!cold.isEmpty()) {
            // due delayed messages in the store are visible ones too: read back when the visible window runs low
            boolean due = cold.nextVisibleAtMillis() <= now && visible.size() < Math.max(1, window / 2);
            if (due || delayedCount < window / 2) {
                int room = Math.max(due ? window - visible.size() : 0, window - delayedCount);
                room = Math.max(1, Math.min(PAGE, room));
                for (Message m : cold.take(room, now, oldestKept(now))) {
                    add(m);
                }
            }
        }
        if (settings.fifo()) {
            balanceFifo(now, window);
        } else {
            balanceStandard(now, window);
        }
        int threshold = window + window / 4;
        if (delayedCount <= threshold) {
            nextDelaySpillAt = 0;
        } else if (delayedCount > nextDelaySpillAt) {
            spillDelayed(delayedCount - window);
            nextDelaySpillAt = delayedCount <= threshold ? 0 : delayedCount + window / 4;
        }
        report();
    }

    /**
     * A standard queue's visible messages: reads a page back from the backlog when fewer than half the window are
     * left, lets the newest settled, never received ones go to it when a quarter more have come.
     */
    private void balanceStandard(long now, int window) {
        refill(window, now);
        int threshold = window + window / 4;
        if (visible.size() <= threshold) {
            nextSpillAt = 0;
        } else if (visible.size() > nextSpillAt) {
            int excess = visible.size() - window;
            java.util.List<Message> leaving = new java.util.ArrayList<>(Math.min(excess, SPILL_LOOKS));
            int looked = 0;
            for (Message m : visible.descendingMap().values()) {
                if (leaving.size() == excess || looked++ == SPILL_LOOKS || !backlog.above(m.ordinal)) {
                    break;
                }
                if (m.settled && m.receiveCount == 0) {
                    leaving.add(m);
                }
            }
            for (int i = leaving.size() - 1; i >= 0; i--) {
                Message m = leaving.get(i);
                if (backlog.accepts(m)) {
                    backlog.add(m);
                    leaveMemory(m);
                }
            }
            if (leaving.size() < excess) {
                spillBelow(excess - leaving.size(), false);
            }
            // what stayed cannot leave yet (received before, not yet durable): look again only when more came
            nextSpillAt = visible.size() <= threshold ? 0 : visible.size() + window / 4;
        }
    }

    /**
     * A FIFO queue's {@link #balance}: its backlog is always the newest part of the queue, so a group's messages in
     * memory come before those in the backlog. It is read back a page at a time when fewer than half the window is
     * left (and by receives: {@link #reachFurther}, {@link #reachHeld}); while it is not empty, new messages join it
     * as soon as their send is durable, in order; when it is empty and memory holds a quarter more than the window,
     * the newest settled, never received visible messages leave for it, down to the first one that may not and never
     * past a delayed or in-flight message ({@link #spillTop}): so normally memory holds no message inside the range.
     * When the window shrank while the backlog was not empty, the newest messages under it join it from below
     * ({@link #spillBelow}) once no group is in flight. Delayed messages are kept by {@link #balance}; a FIFO queue
     * delays all its messages alike, so they become visible in the order they were sent, above the backlog, and join
     * it in order ({@link #joinAbove}); one that became visible inside its range (the queue's DelaySeconds lowered
     * meanwhile) is reached by {@link #reachHeld}.
     */
    private void balanceFifo(long now, int window) {
        refill(window, now);
        int threshold = window + window / 4;
        if (!backlog.isEmpty()) {
            joinAbove();
            // a window that shrank (HotWindows) leaves memory holding more than it under the backlog: the newest of
            // those join it from below; not while a group is in flight, as a receive may have read them in to find
            // free groups (reachFurther) and would only read them again
            if (visible.size() <= threshold || inflightCount > 0) {
                nextSpillAt = 0;
            } else if (visible.size() > nextSpillAt) {
                spillBelow(visible.size() - window, true);
                nextSpillAt = visible.size() <= threshold ? 0 : visible.size() + window / 4;
            }
            return;
        }
        if (visible.size() <= threshold) {
            nextSpillAt = 0;
        } else if (visible.size() > nextSpillAt) {
            spillTop(visible.size() - window);
            nextSpillAt = visible.size() <= threshold ? 0 : visible.size() + window / 4;
        }
    }

    /**
     * FIFO, the backlog not empty: visible messages above it join it in order, up to the first whose send is not yet
     * durable. One received before (moved in from another queue with its receive count) cannot join: it stays in
     * memory inside the range, and is reached by {@link #reachHeld}.
     */
    private void joinAbove() {
        int looked = 0;
        java.util.List<Message> joining = new java.util.ArrayList<>();
        for (Message m : visible.tailMap(backlog.upTo(), false).values()) {
            if (!m.settled || looked++ == SPILL_LOOKS) {
                break;
            }
            if (m.receiveCount > 0) {
                continue;
            }
            if (backlog.accepts(m)) {
                joining.add(m);
                backlog.add(m);
            } else {
                break;
            }
        }
        joining.forEach(this::leaveMemory);
    }

    /**
     * FIFO, the backlog empty: up to {@code max} of the newest visible messages leave for it, newest first: from the
     * newest whose send is durable (those above it join later, {@link #joinAbove}) down to the first that was received
     * before or not yet durable, and never below a delayed or in-flight message (it would be left inside the range).
     * Delayed messages newer than all of them (a queue's DelaySeconds delays the newest) stay above it, and join later.
     */
    private void spillTop(int max) {
        java.util.Iterator<Message> newestFirst = visible.descendingMap().values().iterator();
        Message m = null;
        int looked = 0;
        while (m == null && newestFirst.hasNext() && looked++ < SPILL_LOOKS) {
            Message next = newestFirst.next();
            m = next.settled ? next : null;
        }
        if (m == null) {
            return;
        }
        long barrier = highestTimedUnder(m.ordinal);
        java.util.List<Message> leaving = new java.util.ArrayList<>(Math.min(max, SPILL_LOOKS));
        while (m != null && leaving.size() < max && looked++ < SPILL_LOOKS && m.ordinal > barrier && m.settled
                && m.receiveCount == 0) {
            leaving.add(m);
            m = newestFirst.hasNext() ? newestFirst.next() : null;
        }
        for (int i = leaving.size() - 1; i >= 0 && backlog.accepts(leaving.get(i)); i--) {
            backlog.add(leaving.get(i));
            leaveMemory(leaving.get(i));
        }
    }

    /** The highest ordinal of a delayed or in-flight message below {@code bound}, or Long.MIN_VALUE. */
    private long highestTimedUnder(long bound) {
        long highest = Long.MIN_VALUE;
        for (Message t : timed) {
            if (t.ordinal < bound) {
                highest = Math.max(highest, t.ordinal);
            }
        }
        return highest;
    }

    /**
     * Lets up to {@code max} settled delayed messages go to the timer index ({@link ColdDelays}), those that become
     * visible last first: memory keeps the ones due soonest.
     */
    private void spillDelayed(int max) {
        java.util.List<Message> leaving = new java.util.ArrayList<>(Math.min(max, SPILL_LOOKS));
        int looked = 0;
        for (Message m : timed.descendingSet()) {
            if (leaving.size() == max || looked++ == SPILL_LOOKS) {
                break;
            }
            if (m.state == Message.State.DELAYED && m.settled && (m.receiveCount == 0 || !settings.fifo())) {
                // a FIFO queue's timer index times a message by its send (ColdDelays): only those never delivered
                leaving.add(m);
            }
        }
        cold.add(leaving); // while memory still holds them
        leaving.forEach(this::leaveMemory);
    }

    /**
     * Drops a message that the store alone holds from now on (backlog or timer index) from memory: its indexes and its
     * content, read back from the store with the message if it comes back.
     */
    private void leaveMemory(Message m) {
        detach(m);
        messages.remove(m.ordinal);
        byAge.remove(m);
        contents.release(m);
    }

    /**
     * Lets up to {@code max} settled, never received visible messages under the backlog go to it, newest first, each
     * not younger than the one before: a window that shrank ({@link HotWindows}) after the backlog began holds
     * messages that are older than the backlog, and the top of memory cannot take them. {@code inOrder} (FIFO): only
     * an unbroken run from the backlog down, stopping at the first message that may not go and never below a delayed
     * or in-flight message (it would be left inside the range), so memory still holds every message under the range
     * and each group comes in order as pages are read back.
     */
    private void spillBelow(int max, boolean inOrder) {
        if (backlog.isEmpty()) {
            return;
        }
        long barrier = inOrder ? highestTimedUnder(backlog.after() + 1) : Long.MIN_VALUE;
        java.util.List<Message> leaving = new java.util.ArrayList<>(Math.min(max, SPILL_LOOKS));
        long oldest = Long.MAX_VALUE;
        int looked = 0;
        for (Message m : visible.headMap(backlog.after(), true).descendingMap().values()) {
            if (leaving.size() == max || looked++ == SPILL_LOOKS || m.ordinal < barrier) {
                break;
            }
            if (m.settled && m.receiveCount == 0 && backlog.acceptsBelow(m, oldest)) {
                leaving.add(m);
                oldest = m.enqueuedMillis;
            } else if (inOrder) {
                break;
            }
        }
        backlog.addBelow(leaving, messages::containsKey); // while memory still holds them
        leaving.forEach(this::leaveMemory);
    }

    /**
     * Recovery: a visible message read from the store that memory need not hold goes to the backlog at once
     * (ordinal order: the store's); everything else is held.
     */
    void recover(Message m, long now) {
        m.settled = true;
        retimeFifo(m, now);
        lastOrdinal = Math.max(lastOrdinal, m.ordinal); // never hand out a backlog message's ordinal again
        if (m.state == Message.State.COLD) {
            cold.counted(m);
        } else if (m.state == Message.State.VISIBLE && m.receiveCount == 0
                && visible.size() >= windows.window() && backlog.accepts(m)) {
            backlog.add(m);
        } else {
            add(m);
            report();
        }
    }

    /** When the next delayed or in-flight message becomes visible, or Long.MAX_VALUE. */
    long nextVisibleAtMillis() {
        return Math.min(timed.isEmpty() ? Long.MAX_VALUE : timed.first().visibleAtMillis, cold.nextVisibleAtMillis());
    }

    /**
     * When time alone next changes what a receive may take, or Long.MAX_VALUE: the next timer, or on a FIFO queue
     * with messages in flight the end of the oldest message's retention ({@link #advance} drops it then, which
     * releases its group if it was in flight).
     */
    long nextTimedChangeAtMillis() {
        long next = nextVisibleAtMillis();
        if (settings.fifo() && inflightCount > 0 && !byAge.isEmpty()) {
            next = Math.min(next, byAge.first().enqueuedMillis + settings.messageRetentionPeriod() * 1000L);
        }
        return next;
    }

    /** Writes the message's delivery state (its content was written when it arrived: {@link #persistNew}). */
    void persist(WriteBatch batch, Message m) {
        batch.put(layout.messages, SqsStoreLayout.messageKey(number(), m.ordinal), SqsStoreLayout.encodeState(m));
    }

    /**
     * Writes a message arriving in this queue: its state and its content, sealed under {@code key} (from
     * {@link Encryption#keyFor}, taken before anything changed) or in plain when it is null.
     */
    void persistNew(WriteBatch batch, Message m, MessageContent content,
                    io.wharf.protocol.crypto.DataKeyRing.Key key) {
        persistNew(batch, m, content, content.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), key);
    }

    /** As {@link #persistNew(WriteBatch, Message, MessageContent, io.wharf.protocol.crypto.DataKeyRing.Key)}, the body already in UTF-8. */
    void persistNew(WriteBatch batch, Message m, MessageContent content, byte[] bodyUtf8,
                    io.wharf.protocol.crypto.DataKeyRing.Key key) {
        persist(batch, m);
        batch.put(layout.bodies, SqsStoreLayout.messageKey(number(), m.ordinal),
                Encryption.encode(key, content, bodyUtf8));
    }

    void persistDelete(WriteBatch batch, Message m) {
        byte[] key = SqsStoreLayout.messageKey(number(), m.ordinal);
        batch.delete(layout.messages, key);
        batch.delete(layout.bodies, key);
    }

    /** Deletes every message of this queue, state and content (queue deleted or purged). */
    void persistDeleteAll(WriteBatch batch) {
        byte[] from = SqsStoreLayout.queuePrefix(number());
        byte[] to = SqsStoreLayout.queuePrefixEnd(number());
        batch.deleteRange(layout.messages, from, to);
        batch.deleteRange(layout.bodies, from, to);
        batch.deleteRange(layout.timers, from, to);
    }
}
