package io.wharf.sns.engine;

import io.wharf.sns.DeliveryTargets;
import io.wharf.sns.SmtpSettings;
import io.wharf.sns.SqsDelivery;
import io.wharf.storage.StorageException;
import io.wharf.storage.WriteBatch;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Delivers outbox entries, asynchronously, then deletes them from the outbox.
 *
 * <p><b>SQS</b>: a fixed number of lanes, each a virtual thread with its own queue; a subscription always uses the
 * same lane, so its messages arrive in publish order (what FIFO topics need) while different subscriptions are
 * delivered in parallel. A refused delivery is retried with doubling waits ({@link SnsLimits#firstRetryDelay()} up
 * to {@link SnsLimits#maxRetryDelay()}; the lane sleeps, holding back that subscription's later messages as
 * ordering requires). A lane takes everything waiting in it at once; a standard topic's entries for one queue go as
 * one batch (one durable write in SQS for up to ten), so under load a delivery costs a fraction of a write.
 *
 * <p><b>HTTP/S</b> (sns.md §5.3): one virtual thread per entry, at most {@link #MAX_CONCURRENT_POSTS} POSTs at once;
 * 2xx is delivered, 5xx/429/no answer is retried by the entry's {@link RetryPolicy} (its throttle included),
 * any other status is a client error and not retried. <b>Email</b>: the same, over SMTP ({@link Mailer}), with
 * AWS's fixed customer-managed policy; without an SMTP server the mail is only logged.
 *
 * <p><b>The delivery gate</b> ({@link DeliveryTargets}) is asked before every HTTP/S or mail attempt, never only at
 * Subscribe: a name may resolve elsewhere now, the rules may have changed since the subscription was made. A denied
 * target is never connected to; the attempt is a client error (not retried; dead-lettered). A host that does not
 * resolve is retried like an endpoint that does not answer. Redirects are never followed, so a permitted endpoint
 * cannot bounce a POST to a denied one.
 *
 * <p>What remains between the check and the connection is DNS rebinding: the gate resolves the name, then the HTTP
 * client resolves it again to connect. Both go through the JVM's address cache ({@code networkaddress.cache.ttl},
 * 30 s unless configured), so they see the same answer unless the entry expires in the instant between them or the
 * cache is turned off. Connecting to the checked address itself would close that, but {@code java.net.http} cannot
 * be given an address for a URL while keeping the name for Host and TLS (SNI, certificate check) without a
 * JVM-wide resolver or unlocking the restricted {@code Host} header, so Wharf documents the window instead.
 *
 * <p>A permanent failure or the last attempt sends a notification to the subscription's dead-letter queue if it has
 * one, else drops it — AWS's rule. Notifications for a subscription that has gone are not delivered; entries still
 * in flight when the engine closes stay in the outbox and go out after the next start.
 */
final class Deliverer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Deliverer.class);
    /** Entries a lane takes at once: what is waiting when it is free, so batches grow with the load. */
    private static final int MAX_TAKEN = 64;
    /** SQS's SendMessageBatch limits: 10 entries, 256 KiB in all (counted here in characters, with room to spare). */
    private static final int MAX_BATCH = 10;
    private static final long MAX_BATCH_CHARS = 128 * 1024;
    static final int MAX_CONCURRENT_POSTS = 64;
    private static final Duration POST_TIMEOUT = Duration.ofSeconds(15);

    private final SnsStoreLayout layout;
    private final SqsDelivery sqs;
    private final io.wharf.sns.FirehoseDelivery firehose;
    private final SnsLimits limits;
    private final Predicate<String> subscribed;
    private final DeliveryTargets targets;
    private final Mailer mailer;
    private final List<BlockingQueue<Delivery>> lanes = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private final ExecutorService others = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("sns-endpoint-", 0).factory());
    private final Semaphore posts = new Semaphore(MAX_CONCURRENT_POSTS);
    private final Map<String, AtomicLong> nextSlot = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicLong pending = new AtomicLong();
    final DeliveryCounters counters = new DeliveryCounters();
    private volatile boolean closed;

    /**
     * @param targets    asked before every HTTP/S and mail attempt
     * @param subscribed whether a subscription ARN still exists (notifications to gone ones are dropped)
     */
    Deliverer(SnsStoreLayout layout, SqsDelivery sqs, SnsLimits limits, SmtpSettings smtp, DeliveryTargets targets,
              Predicate<String> subscribed, io.wharf.sns.FirehoseDelivery firehose) {
        this.layout = layout;
        this.sqs = sqs;
        this.firehose = firehose;
        this.limits = limits;
        this.targets = targets;
        this.subscribed = subscribed;
        this.mailer = smtp.configured() ? new Mailer(smtp) : null;
        for (int i = 0; i < limits.deliveryLanes(); i++) {
            BlockingQueue<Delivery> lane = new LinkedBlockingQueue<>();
            lanes.add(lane);
            workers.add(Thread.ofVirtual().name("sns-delivery-" + i).start(() -> run(lane)));
        }
    }

    void submit(Delivery delivery) {
        pending.incrementAndGet();
        counters.queued(delivery);
        if (delivery.toQueue()) {
            lanes.get(Math.floorMod(delivery.subscriptionArn().hashCode(), lanes.size())).add(delivery);
            return;
        }
        try {
            others.execute(() -> {
                try {
                    if (deliverElsewhere(delivery)) {
                        finished(List.of(delivery));
                    }
                } catch (InterruptedException e) {
                    // stopping: the entry stays in the outbox
                } finally {
                    pending.decrementAndGet();
                    counters.done(delivery);
                }
            });
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet(); // closing: the entry stays in the outbox
            counters.done(delivery);
        }
    }

    /** Deliveries accepted and not yet finished (delivered, dead-lettered or dropped). */
    long pending() {
        return pending.get();
    }

    private void run(BlockingQueue<Delivery> lane) {
        List<Delivery> taken = new ArrayList<>(MAX_TAKEN);
        while (!closed) {
            try {
                taken.add(lane.take());
            } catch (InterruptedException e) {
                return;
            }
            lane.drainTo(taken, MAX_TAKEN - 1);
            try {
                deliverTaken(taken);
            } catch (InterruptedException e) {
                return; // stopping: the entries stay in the outbox and are delivered after the restart
            } finally {
                for (Delivery delivery : taken) {
                    pending.decrementAndGet();
                    counters.done(delivery);
                }
                taken.clear();
            }
        }
    }

    /**
     * What a lane took at once, each subscription's entries in their order. A standard subscription's SQS entries go
     * in batches ({@link SqsDelivery#deliverAll}: one durable write for up to {@value #MAX_BATCH}); an entry a batch
     * did not deliver, and every other entry, goes on its own with retries ({@link #deliverToQueue}).
     */
    private void deliverTaken(List<Delivery> taken) throws InterruptedException {
        if (taken.size() == 1) {
            deliverAlone(taken.getFirst());
            return;
        }
        Map<String, List<Delivery>> bySubscription = new java.util.LinkedHashMap<>();
        for (Delivery delivery : taken) {
            bySubscription.computeIfAbsent(delivery.subscriptionArn(), arn -> new ArrayList<>()).add(delivery);
        }
        for (List<Delivery> entries : bySubscription.values()) {
            if (!batchable(entries.getFirst())) {
                for (Delivery delivery : entries) {
                    deliverAlone(delivery);
                }
                continue;
            }
            int from = 0;
            while (from < entries.size()) {
                int to = from + 1;
                long chars = entries.get(from).body().length();
                while (to < entries.size() && to - from < MAX_BATCH
                        && (chars += entries.get(to).body().length()) <= MAX_BATCH_CHARS) {
                    to++;
                }
                if (to - from == 1) {
                    deliverAlone(entries.get(from));
                } else {
                    deliverBatch(entries.subList(from, to));
                }
                from = to;
            }
        }
    }

    /** SQS entries of a standard topic: no order to keep, so several may go in one batch. */
    private static boolean batchable(Delivery d) {
        return d.protocol().equals("sqs") && d.groupId() == null && d.dedupId() == null;
    }

    private void deliverAlone(Delivery delivery) throws InterruptedException {
        if (deliverToQueue(delivery)) {
            finished(List.of(delivery));
        }
    }

    private void deliverBatch(List<Delivery> entries) throws InterruptedException {
        List<Delivery> live = new ArrayList<>(entries.size());
        List<Delivery> done = new ArrayList<>(entries.size());
        for (Delivery d : entries) {
            (gone(d) ? done : live).add(d);
        }
        List<SqsDelivery.DeliveryException> outcomes = null;
        if (!live.isEmpty()) {
            Delivery first = live.getFirst();
            List<SqsDelivery.Outgoing> messages = new ArrayList<>(live.size());
            for (Delivery d : live) {
                messages.add(new SqsDelivery.Outgoing(d.body(), d.attributes(), d.groupId(), d.dedupId()));
            }
            try {
                outcomes = sqs.deliverAll(first.topicArn(), first.endpoint(), messages);
            } catch (RuntimeException e) {
                outcomes = null; // each entry on its own below, where a refusal is retried or dead-lettered
            }
        }
        for (int i = 0; i < live.size(); i++) {
            Delivery d = live.get(i);
            if (outcomes != null && outcomes.get(i) == null) {
                counters.delivered(d);
                done.add(d);
            } else if (deliverToQueue(d)) {
                done.add(d);
            }
        }
        finished(done);
    }

    /** Deletes finished entries from the outbox, in one write. */
    private void finished(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        WriteBatch batch = new WriteBatch();
        for (Delivery delivery : deliveries) {
            batch.delete(layout.outbox, SnsStoreLayout.deliveryKey(delivery.number()));
        }
        try {
            layout.store.submit(batch);
        } catch (StorageException e) {
            LOG.warn("could not delete {} delivered outbox entries: {}", deliveries.size(), e.getMessage());
        }
    }

    private boolean gone(Delivery d) {
        return d.notification() && !subscribed.test(d.subscriptionArn());
    }

    /** True once the entry is finished with; false when stopping before that. */
    private boolean deliverToQueue(Delivery d) throws InterruptedException {
        long delay = limits.firstRetryDelay().toMillis();
        for (int attempt = 1; !closed; attempt++) {
            if (gone(d)) {
                return true;
            }
            try {
                if (d.protocol().equals("firehose")) {
                    firehose.deliver(d.topicArn(), d.endpoint(), d.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    sqs.deliver(d.topicArn(), d.endpoint(), d.body(), d.attributes(), d.groupId(), d.dedupId());
                }
                counters.delivered(d);
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
            counters.retried(d);
            Thread.sleep(delay);
            delay = Math.min(delay * 2, limits.maxRetryDelay().toMillis());
        }
        return false;
    }

    /** The outcome of one attempt at an HTTP/S or mail endpoint. */
    private enum Outcome { DELIVERED, RETRY, CLIENT_ERROR }

    private boolean deliverElsewhere(Delivery d) throws InterruptedException {
        boolean mail = d.protocol().startsWith("email");
        if (mail && mailer == null) {
            String[] reason = new String[1];
            if (admitMail(d, reason) == Outcome.CLIENT_ERROR) { // no DNS for mail: only a denial counts
                deadLetter(d, reason[0]);
                return true;
            }
            LOG.info("no SMTP server (--smtp-host): not mailing {} to {} for {}:\n{}", d.type(), d.endpoint(),
                    d.subscriptionArn(), d.body());
            return true;
        }
        RetryPolicy policy = mail ? RetryPolicy.CUSTOMER_MANAGED : RetryPolicy.fromJson(d.policy());
        long[] delays = policy.delaysMillis();
        String last = null;
        for (int attempt = 0; !closed; attempt++) {
            if (gone(d)) {
                return true;
            }
            throttle(d.subscriptionArn(), policy.maxReceivesPerSecond());
            String[] reason = new String[1];
            Outcome outcome = mail ? mail(d, reason) : post(d, policy.contentType(), reason);
            if (outcome == Outcome.DELIVERED) {
                counters.delivered(d);
                return true;
            }
            last = reason[0];
            if (outcome == Outcome.CLIENT_ERROR || attempt >= delays.length) {
                deadLetter(d, last);
                return true;
            }
            counters.retried(d);
            Thread.sleep(delays[attempt]);
        }
        return false;
    }

    private Outcome post(Delivery d, String contentType, String[] reason) throws InterruptedException {
        URI endpoint = Endpoints.parse(d.endpoint());
        HttpRequest.Builder request;
        try {
            if (endpoint == null) {
                throw new IllegalArgumentException("not a URL with a host");
            }
            request = HttpRequest.newBuilder(Endpoints.withoutUserInfo(endpoint)).timeout(POST_TIMEOUT);
        } catch (IllegalArgumentException e) {
            reason[0] = "invalid endpoint URL " + Endpoints.masked(d.endpoint()) + ": "
                    + Endpoints.scrub(e.getMessage(), d.endpoint());
            return Outcome.CLIENT_ERROR;
        }
        Outcome refused = admit(d, targets.check(Endpoints.withoutUserInfo(endpoint)), reason);
        if (refused != null) {
            return refused;
        }
        if (endpoint.getRawUserInfo() != null) {
            // Sent with the first request; AWS waits for a 401 challenge, an endpoint that wants the
            // credentials accepts them either way.
            request.header("Authorization", Endpoints.basicAuthorization(endpoint.getRawUserInfo()));
        }
        request.header("Content-Type", contentType)
                .header("x-amz-sns-message-type", d.type())
                .header("x-amz-sns-message-id", d.messageId())
                .header("x-amz-sns-topic-arn", d.topicArn())
                .header("User-Agent", "Amazon Simple Notification Service Agent");
        if (!d.type().equals(Envelope.SUBSCRIPTION_CONFIRMATION)) {
            request.header("x-amz-sns-subscription-arn", d.subscriptionArn());
        }
        if (d.raw() && d.notification()) {
            request.header("x-amz-sns-rawdelivery", "true");
        }
        request.POST(HttpRequest.BodyPublishers.ofString(d.body()));
        posts.acquire();
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                return Outcome.DELIVERED;
            }
            reason[0] = "HTTP " + status + " from " + Endpoints.masked(d.endpoint());
            return status >= 500 || status == 429 ? Outcome.RETRY : Outcome.CLIENT_ERROR;
        } catch (IOException e) {
            reason[0] = Endpoints.scrub(e.toString(), d.endpoint());
            return Outcome.RETRY;
        } finally {
            posts.release();
        }
    }

    private Outcome mail(Delivery d, String[] reason) {
        Outcome refused = admitMail(d, reason);
        if (refused != null) {
            return refused;
        }
        try {
            mailer.send(d);
            return Outcome.DELIVERED;
        } catch (jakarta.mail.internet.AddressException e) {
            reason[0] = e.getMessage();
            return Outcome.CLIENT_ERROR;
        } catch (MessagingException e) {
            reason[0] = e.toString();
            return Outcome.RETRY;
        }
    }

    private Outcome admitMail(Delivery d, String[] reason) {
        return admit(d, targets.checkEmail(d.endpoint()), reason);
    }

    /**
     * Null when the gate lets the attempt through; else its outcome: a denied target is a client error (never
     * connected to, not retried), an unresolved host is retried like an endpoint that does not answer.
     */
    private Outcome admit(Delivery d, DeliveryTargets.Verdict verdict, String[] reason) {
        return switch (verdict.kind()) {
            case ALLOWED -> null;
            case UNRESOLVED -> {
                reason[0] = verdict.reason();
                yield Outcome.RETRY;
            }
            case DENIED -> {
                reason[0] = "refused by the delivery rules: " + verdict.reason();
                LOG.warn("not delivering the {} {} for {} to {}: {}", d.type(), d.messageId(), d.subscriptionArn(),
                        Endpoints.masked(d.endpoint()), reason[0]);
                yield Outcome.CLIENT_ERROR;
            }
        };
    }

    /** The throttle policy: at most {@code perSecond} attempts a second per subscription (0 = unlimited). */
    private void throttle(String subscriptionArn, int perSecond) throws InterruptedException {
        if (perSecond <= 0) {
            return;
        }
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        AtomicLong next = nextSlot.computeIfAbsent(subscriptionArn, k -> new AtomicLong());
        long now = System.nanoTime();
        long slot = next.getAndAccumulate(now, (prev, n) -> Math.max(prev, n) + interval);
        slot = Math.max(slot, now);
        if (slot > now) {
            TimeUnit.NANOSECONDS.sleep(slot - now);
        }
    }

    private void deadLetter(Delivery d, String reason) {
        counters.failed(d);
        if (!d.notification()) {
            LOG.warn("could not send the {} for {} to {}: {}", d.type(), d.subscriptionArn(),
                    Endpoints.masked(d.endpoint()), reason);
            return;
        }
        if (d.deadLetterTargetArn() == null) {
            LOG.warn("dropping a message for {} (no RedrivePolicy): {}", d.subscriptionArn(), reason);
            return;
        }
        try {
            sqs.deliver(d.topicArn(), d.deadLetterTargetArn(), d.body(), d.attributes(), d.groupId(), d.dedupId());
        } catch (RuntimeException e) {
            LOG.warn("dropping a message for {}: dead-letter queue {} refused it too: {}", d.subscriptionArn(),
                    d.deadLetterTargetArn(), e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        others.shutdownNow();
        workers.forEach(Thread::interrupt);
        try {
            for (Thread worker : workers) {
                worker.join(5_000);
            }
            others.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
