package io.wharf.s3.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.s3.EventTargets;
import io.wharf.s3.S3Errors;
import io.wharf.storage.WriteBatch;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event notifications: a bucket's queue and topic configurations (validated as AWS does: known event types, prefix
 * and suffix rules, no two configurations sharing an event type for overlapping keys, each destination proven by an
 * {@code s3:TestEvent} sent at once), the event records in AWS's JSON (version 2.1), and the outbox: an event's entries
 * are written in the same batch as the change, handed to the deliverer once that batch is durable, and deleted when
 * their destination has them. Undelivered entries survive a restart (at least once, as on AWS); a destination that
 * refuses for good drops the entry with a log line; other failures retry with backoff.
 */
final class Notifications implements AutoCloseable {
    static final Set<String> EVENT_TYPES = Set.of("s3:ObjectCreated:*", "s3:ObjectCreated:Put",
            "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy", "s3:ObjectCreated:CompleteMultipartUpload",
            "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated");
    static final String SUBJECT = "Amazon S3 Notification";
    private static final int MAX_ATTEMPTS = 50;
    private static final long MAX_BACKOFF_MILLIS = 60_000;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final S3Engine engine;
    private final EventTargets targets;
    private final AtomicLong numbers = new AtomicLong();
    private final ScheduledExecutorService deliverer;
    private final List<OutboxEntry> recovered = new ArrayList<>();

    Notifications(S3Engine engine, EventTargets targets) {
        this.engine = engine;
        this.targets = targets;
        this.deliverer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "s3-event-delivery");
            t.setDaemon(true);
            return t;
        });
    }

    /** Recovery hands back what was left in the outbox. */
    void recovered(OutboxEntry entry) {
        recovered.add(entry);
        numbers.accumulateAndGet(entry.number(), Math::max);
    }

    void start() {
        enqueue(recovered);
        recovered.clear();
    }

    // ------------------------------------------------------------------ configuration

    void configure(Bucket bucket, List<NotificationRule> rules, Requester requester, boolean skipValidation) {
        List<NotificationRule> checked = new ArrayList<>();
        for (NotificationRule r : rules) {
            if (r.events().isEmpty()) {
                throw S3Errors.MALFORMED_XML.error();
            }
            for (String e : r.events()) {
                if (!EVENT_TYPES.contains(e)) {
                    throw S3Errors.invalidArgument("The event is not supported for notifications", "Event", e);
                }
            }
            String id = r.id() == null || r.id().isEmpty() ? UUID.randomUUID().toString() : r.id();
            checked.add(new NotificationRule(id, r.destination(), r.arn(), List.copyOf(r.events()), r.prefix(),
                    r.suffix()));
        }
        for (int i = 0; i < checked.size(); i++) {
            for (int j = i + 1; j < checked.size(); j++) {
                if (overlap(checked.get(i), checked.get(j))) {
                    throw S3Errors.invalidArgument("Configurations overlap. Configurations on the same bucket cannot"
                            + " share a common event type.", "Event", checked.get(j).events().get(0));
                }
            }
        }
        for (NotificationRule r : skipValidation ? List.<NotificationRule>of() : checked) {
            String test = testEvent(bucket, requester);
            try {
                deliver(r.destination(), r.arn(), bucket.arn(), test);
            } catch (RuntimeException e) {
                boolean missing = e.getMessage() != null && (e.getMessage().contains("NonExistent")
                        || e.getMessage().contains("NotFound") || e.getMessage().contains("not an S"));
                throw S3Errors.invalidArgument("Unable to validate the following destination configurations",
                        r.arn(), missing ? "The destination " + noun(r) + " does not exist"
                                : "Permissions on the destination " + noun(r)
                                + " do not allow S3 to publish notifications from this bucket");
            }
        }
        synchronized (bucket) {
            List<NotificationRule> before = bucket.notifications;
            bucket.notifications = List.copyOf(checked);
            try {
                engine.commit(new WriteBatch().put(engine.layout.buckets, S3StoreLayout.utf8(bucket.name),
                        S3StoreLayout.encodeBucket(bucket)));
            } catch (RuntimeException e) {
                bucket.notifications = before;
                throw e;
            }
        }
    }

    private static String noun(NotificationRule r) {
        return r.destination() == NotificationRule.Destination.QUEUE ? "queue" : "topic";
    }

    /** Two configurations overlap when they share an event type for some key both filters let through. */
    static boolean overlap(NotificationRule a, NotificationRule b) {
        boolean events = a.events().stream().anyMatch(x -> b.events().stream().anyMatch(y -> eventsOverlap(x, y)));
        return events && affixesOverlap(a.prefix(), b.prefix(), true) && affixesOverlap(a.suffix(), b.suffix(), false);
    }

    private static boolean eventsOverlap(String x, String y) {
        if (x.equals(y)) {
            return true;
        }
        String family = x.endsWith(":*") ? x.substring(0, x.length() - 1) : null;
        String otherFamily = y.endsWith(":*") ? y.substring(0, y.length() - 1) : null;
        return (family != null && y.startsWith(family)) || (otherFamily != null && x.startsWith(otherFamily));
    }

    private static boolean affixesOverlap(String a, String b, boolean prefix) {
        if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
            return true;
        }
        return prefix ? a.startsWith(b) || b.startsWith(a) : a.endsWith(b) || b.endsWith(a);
    }

    private String testEvent(Bucket bucket, Requester requester) {
        ObjectNode test = S3Engine.JSON.createObjectNode();
        test.put("Service", "Amazon S3");
        test.put("Event", "s3:TestEvent");
        test.put("Time", TIME.format(Instant.ofEpochMilli(engine.clock.millis())));
        test.put("Bucket", bucket.name);
        test.put("RequestId", requester.requestId());
        test.put("HostId", hostId(requester.requestId()));
        return test.toString();
    }

    private static String hostId(String requestId) {
        return java.util.Base64.getEncoder().encodeToString(
                ("wharf/" + requestId).getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ events

    /**
     * The outbox entries of one event ({@code ObjectCreated:Put}, {@code ObjectRemoved:Delete}…) on {@code object},
     * one per matching configuration, added to {@code batch}.
     */
    List<OutboxEntry> events(Bucket bucket, String eventName, StoredObject object, Requester requester,
                             WriteBatch batch) {
        List<NotificationRule> rules = bucket.notifications;
        if (rules.isEmpty()) {
            return List.of();
        }
        List<OutboxEntry> entries = new ArrayList<>();
        for (NotificationRule r : rules) {
            if (!r.matches("s3:" + eventName, object.key())) {
                continue;
            }
            OutboxEntry entry = new OutboxEntry(numbers.incrementAndGet(), r.destination(), r.arn(), bucket.arn(),
                    SUBJECT, record(bucket, eventName, object, requester, r.id()));
            batch.put(engine.layout.outbox, S3StoreLayout.longKey(entry.number()), S3StoreLayout.encodeOutbox(entry));
            entries.add(entry);
        }
        return entries;
    }

    private String record(Bucket bucket, String eventName, StoredObject object, Requester requester,
                          String configurationId) {
        ObjectNode root = S3Engine.JSON.createObjectNode();
        ArrayNode records = root.putArray("Records");
        ObjectNode r = records.addObject();
        r.put("eventVersion", "2.1");
        r.put("eventSource", "aws:s3");
        r.put("awsRegion", bucket.region);
        r.put("eventTime", TIME.format(Instant.ofEpochMilli(object.lastModified())));
        r.put("eventName", eventName);
        r.putObject("userIdentity").put("principalId", requester.principalId());
        r.putObject("requestParameters").put("sourceIPAddress", requester.sourceIp());
        ObjectNode response = r.putObject("responseElements");
        response.put("x-amz-request-id", requester.requestId());
        response.put("x-amz-id-2", hostId(requester.requestId()));
        ObjectNode s3 = r.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", configurationId);
        ObjectNode b = s3.putObject("bucket");
        b.put("name", bucket.name);
        b.putObject("ownerIdentity").put("principalId", bucket.account);
        b.put("arn", bucket.arn());
        ObjectNode o = s3.putObject("object");
        o.put("key", URLEncoder.encode(object.key(), StandardCharsets.UTF_8).replace("%2F", "/")); // as S3: "a+b/c"
        if (eventName.startsWith("ObjectCreated")) {
            o.put("size", object.size());
            o.put("eTag", object.etag());
        }
        o.put("sequencer", HexFormat.of().withUpperCase().toHexDigits(object.sequencer()));
        return root.toString();
    }

    // ------------------------------------------------------------------ delivery

    /** Hands committed entries to the deliverer. */
    void enqueue(List<OutboxEntry> entries) {
        for (OutboxEntry e : entries) {
            schedule(e, 1, 0);
        }
    }

    private void schedule(OutboxEntry entry, int attempt, long delayMillis) {
        try {
            deliverer.schedule(() -> attempt(entry, attempt), delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: the entry stays in the outbox for the next start
        }
    }

    private void attempt(OutboxEntry entry, int attempt) {
        try {
            deliver(entry.destination(), entry.arn(), entry.bucketArn(), entry.message());
            forget(entry);
        } catch (EventTargets.DeliveryException e) {
            if (e.permanent() || attempt >= MAX_ATTEMPTS) {
                S3Engine.log().warn("S3 event for {} dropped after {} attempt(s): {}", entry.arn(), attempt,
                        e.getMessage());
                forget(entry);
            } else {
                schedule(entry, attempt + 1, Math.min(MAX_BACKOFF_MILLIS, 500L << Math.min(attempt, 10)));
            }
        } catch (RuntimeException e) {
            S3Engine.log().warn("S3 event delivery to {} failed, will retry", entry.arn(), e);
            schedule(entry, attempt + 1, Math.min(MAX_BACKOFF_MILLIS, 500L << Math.min(attempt, 10)));
        }
    }

    private void deliver(NotificationRule.Destination destination, String arn, String bucketArn, String message) {
        if (destination == NotificationRule.Destination.QUEUE) {
            targets.toQueue(arn, bucketArn, message);
        } else {
            targets.toTopic(arn, bucketArn, SUBJECT, message);
        }
    }

    private void forget(OutboxEntry entry) {
        try {
            engine.store.submit(new WriteBatch().delete(engine.layout.outbox,
                    S3StoreLayout.longKey(entry.number())));
        } catch (RuntimeException e) {
            // the store failed: the entry is delivered again after the restart (at least once)
        }
    }

    @Override
    public void close() {
        deliverer.shutdownNow();
        try {
            deliverer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
