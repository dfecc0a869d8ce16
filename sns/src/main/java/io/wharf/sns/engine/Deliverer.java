package io.wharf.sns.engine;

import io.wharf.sns.SqsDelivery;
import io.wharf.storage.StorageException;
import io.wharf.storage.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers outbox entries to SQS, asynchronously, then deletes them from the outbox. A fixed number of lanes,
 * each a virtual thread with its own queue; a subscription always uses the same lane, so its messages arrive in
 * publish order (what FIFO topics need) while different subscriptions are delivered in parallel.
 *
 * <p>A refused delivery is retried with doubling waits ({@link SnsLimits#firstRetryDelay()} up to
 * {@link SnsLimits#maxRetryDelay()}, real time: the lane sleeps, holding back that subscription's later
 * messages as ordering requires). A permanent refusal (the queue is gone) or the last attempt sends the message
 * to the subscription's dead-letter queue if it has one, else drops it — AWS's "client-side error" rule.
 */
final class Deliverer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Deliverer.class);

    private final SnsStoreLayout layout;
    private final SqsDelivery sqs;
    private final SnsLimits limits;
    private final List<BlockingQueue<Delivery>> lanes = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean closed;

    Deliverer(SnsStoreLayout layout, SqsDelivery sqs, SnsLimits limits) {
        this.layout = layout;
        this.sqs = sqs;
        this.limits = limits;
        for (int i = 0; i < limits.deliveryLanes(); i++) {
            BlockingQueue<Delivery> lane = new LinkedBlockingQueue<>();
            lanes.add(lane);
            workers.add(Thread.ofVirtual().name("sns-delivery-" + i).start(() -> run(lane)));
        }
    }

    void submit(Delivery delivery) {
        pending.incrementAndGet();
        lanes.get(Math.floorMod(delivery.subscriptionArn().hashCode(), lanes.size())).add(delivery);
    }

    /** Deliveries accepted and not yet finished (delivered, dead-lettered or dropped). */
    long pending() {
        return pending.get();
    }

    private void run(BlockingQueue<Delivery> lane) {
        while (!closed) {
            Delivery delivery;
            try {
                delivery = lane.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (deliver(delivery)) {
                    layout.store.submit(new WriteBatch().delete(layout.outbox,
                            SnsStoreLayout.deliveryKey(delivery.number())));
                }
            } catch (StorageException e) {
                LOG.warn("could not delete delivered outbox entry {}: {}", delivery.number(), e.getMessage());
            } catch (InterruptedException e) {
                return; // stopping: the entry stays in the outbox and is delivered after the restart
            } finally {
                pending.decrementAndGet();
            }
        }
    }

    /** True once the entry is finished with; false when stopping before that. */
    private boolean deliver(Delivery d) throws InterruptedException {
        long delay = limits.firstRetryDelay().toMillis();
        for (int attempt = 1; !closed; attempt++) {
            try {
                sqs.deliver(d.queueArn(), d.body(), d.attributes(), d.groupId(), d.dedupId());
                return true;
            } catch (SqsDelivery.DeliveryException e) {
                if (e.permanent() || attempt >= limits.deliveryAttempts()) {
                    deadLetter(d, e.getMessage());
                    return true;
                }
            } catch (RuntimeException e) {
                if (attempt >= limits.deliveryAttempts()) {
                    deadLetter(d, e.toString());
                    return true;
                }
            }
            Thread.sleep(delay);
            delay = Math.min(delay * 2, limits.maxRetryDelay().toMillis());
        }
        return false;
    }

    private void deadLetter(Delivery d, String reason) {
        if (d.deadLetterTargetArn() == null) {
            LOG.warn("dropping a message for {} (no RedrivePolicy): {}", d.subscriptionArn(), reason);
            return;
        }
        try {
            sqs.deliver(d.deadLetterTargetArn(), d.body(), d.attributes(), d.groupId(), d.dedupId());
        } catch (RuntimeException e) {
            LOG.warn("dropping a message for {}: dead-letter queue {} refused it too: {}", d.subscriptionArn(),
                    d.deadLetterTargetArn(), e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

}
