package io.wharf.s3.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.protocol.wire.RequestBody;
import io.wharf.s3.EventTargets;
import io.wharf.s3.S3Errors;
import io.wharf.storage.Store;
import io.wharf.storage.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * S3's engine: one global bucket namespace per Wharf, objects as files under the object directory with their metadata
 * in the store, multipart uploads, tagging, bucket policies and event notifications. Every change is durable before
 * it returns: an object's file is fsynced (with its directory) before its record is committed, and its record is
 * committed (awaited) before the object is visible. Objects are read by streaming their files, never whole.
 *
 * <p>Bucket operations live here; objects in {@link Objects}, listings in {@link Listings}, multipart uploads in
 * {@link Multipart}, notifications in {@link Notifications}; {@link Recovery} rebuilds memory on start.
 */
public final class S3Engine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(S3Engine.class);
    static final ObjectMapper JSON = new ObjectMapper();
    public static final String US_EAST_1 = "us-east-1";

    final Store store;
    final Clock clock;
    final ObjectFiles files;
    final S3StoreLayout layout;
    final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final AtomicLong sequencer = new AtomicLong();
    private final Objects objects;
    private final Listings listings;
    private final Multipart multipart;
    final Notifications notifications;

    /**
     * Opens the engine on {@code store} and the object directory, rebuilding memory and removing orphaned files.
     *
     * @param targets where event notifications go; delivery starts at once (entries left from before a restart too)
     */
    public S3Engine(Store store, Clock clock, Path objectDirectory, EventTargets targets) {
        this.store = store;
        this.clock = clock;
        this.files = new ObjectFiles(objectDirectory);
        this.layout = new S3StoreLayout(store);
        this.notifications = new Notifications(this, targets);
        this.objects = new Objects(this);
        this.listings = new Listings(this);
        this.multipart = new Multipart(this);
        long highest = Recovery.load(this);
        sequencer.set(highest);
        notifications.start();
    }

    /** The next sequencer: increasing, and ahead of the clock's microseconds so it keeps increasing across restarts. */
    long nextSequencer() {
        long floor = clock.millis() << 20;
        return sequencer.updateAndGet(s -> Math.max(s + 1, floor));
    }

    void commit(WriteBatch batch) {
        store.submit(batch).await();
    }

    Bucket bucket(String name) {
        Bucket b = name == null ? null : buckets.get(name);
        if (b == null || b.deleted) {
            throw S3Errors.noSuchBucket(name);
        }
        return b;
    }

    public Objects objects() {
        return objects;
    }

    public Listings listings() {
        return listings;
    }

    public Multipart multipart() {
        return multipart;
    }

    // ------------------------------------------------------------------ buckets

    /** A bucket as listed: name, creation time (epoch ms), region, owner account. */
    public record BucketInfo(String name, long created, String region, String account) {
    }

    /**
     * Creates a bucket, checking AWS's name rules and the location constraint against the region the request was
     * sent to (us-east-1 takes any; elsewhere the constraint must name the request's region).
     *
     * @return true when it was created, false when it already existed as the caller's own in us-east-1 (S3 answers
     * 200 there, for legacy compatibility; BucketAlreadyOwnedByYou elsewhere)
     */
    public boolean createBucket(String account, String requestRegion, String name, String locationConstraint) {
        BucketNames.check(name);
        String region = region(requestRegion, locationConstraint);
        synchronized (buckets) {
            Bucket existing = buckets.get(name);
            if (existing != null) {
                if (!existing.account.equals(account)) {
                    throw S3Errors.BUCKET_ALREADY_EXISTS.withDetails("BucketName", name);
                }
                if (US_EAST_1.equals(requestRegion) && US_EAST_1.equals(existing.region)) {
                    return false;
                }
                throw S3Errors.BUCKET_ALREADY_OWNED_BY_YOU.withDetails("BucketName", name);
            }
            Bucket b = new Bucket(name, account, region, clock.millis());
            commit(new WriteBatch().put(layout.buckets, S3StoreLayout.utf8(name), S3StoreLayout.encodeBucket(b)));
            buckets.put(name, b);
            return true;
        }
    }

    private static String region(String requestRegion, String constraint) {
        String region = requestRegion == null || io.wharf.protocol.auth.Regions.GLOBAL.equals(requestRegion)
                ? US_EAST_1 : requestRegion;
        if (constraint == null || constraint.isEmpty()) {
            if (!US_EAST_1.equals(region)) {
                throw S3Errors.ILLEGAL_LOCATION_CONSTRAINT.error();
            }
            return US_EAST_1;
        }
        if (US_EAST_1.equals(constraint)) {
            throw S3Errors.INVALID_LOCATION_CONSTRAINT.withDetails("LocationConstraint", constraint);
        }
        String wanted = "EU".equals(constraint) ? "eu-west-1" : constraint;
        if (!io.wharf.protocol.auth.Regions.valid(wanted) || io.wharf.protocol.auth.Regions.GLOBAL.equals(wanted)) {
            throw S3Errors.INVALID_LOCATION_CONSTRAINT.withDetails("LocationConstraint", constraint);
        }
        if (!US_EAST_1.equals(region) && !wanted.equals(region)) {
            throw S3Errors.ILLEGAL_LOCATION_CONSTRAINT.error("The " + constraint + " location constraint is"
                    + " incompatible for the region specific endpoint this request was sent to.");
        }
        return wanted;
    }

    /** The bucket's region (HeadBucket's x-amz-bucket-region, GetBucketLocation). */
    public String bucketRegion(String name) {
        return bucket(name).region;
    }

    /** The bucket's owner account. */
    public String bucketOwner(String name) {
        return bucket(name).account;
    }

    /** Whether the bucket exists (for access checks; never throws). */
    public boolean bucketExists(String name) {
        Bucket b = name == null ? null : buckets.get(name);
        return b != null && !b.deleted;
    }

    /** Deletes an empty bucket (BucketNotEmpty otherwise); its unfinished multipart uploads go with it. */
    public void deleteBucket(String name) {
        Bucket b = bucket(name);
        b.lifecycle.writeLock().lock();
        List<String> orphaned = new ArrayList<>();
        try {
            if (b.deleted) {
                throw S3Errors.noSuchBucket(name);
            }
            if (!b.objects.isEmpty()) {
                throw S3Errors.BUCKET_NOT_EMPTY.withDetails("BucketName", name);
            }
            WriteBatch batch = new WriteBatch().delete(layout.buckets, S3StoreLayout.utf8(name));
            List<Upload> gone = uploads.values().stream().filter(u -> u.bucket.equals(name)).toList();
            for (Upload u : gone) {
                batch.delete(layout.uploads, S3StoreLayout.utf8(u.uploadId));
                batch.deleteRange(layout.parts, S3StoreLayout.uploadPrefix(u.uploadId),
                        S3StoreLayout.uploadEnd(u.uploadId));
            }
            commit(batch);
            b.deleted = true;
            buckets.remove(name, b);
            for (Upload u : gone) {
                uploads.remove(u.uploadId);
                u.parts.values().forEach(p -> orphaned.add(p.fileId()));
            }
        } finally {
            b.lifecycle.writeLock().unlock();
        }
        orphaned.forEach(files::deleteQuietly);
    }

    /**
     * The account's buckets in name order, from after {@code startAfter} (null: the first), with {@code prefix} and in
     * {@code region} when given.
     */
    public List<BucketInfo> listBuckets(String account, String prefix, String region, String startAfter) {
        return buckets.values().stream()
                .filter(b -> !b.deleted && b.account.equals(account))
                .filter(b -> prefix == null || b.name.startsWith(prefix))
                .filter(b -> region == null || b.region.equals(region))
                .filter(b -> startAfter == null || b.name.compareTo(startAfter) > 0)
                .sorted(Comparator.comparing(b -> b.name))
                .map(b -> new BucketInfo(b.name, b.created, b.region, b.account))
                .toList();
    }

    private void saveBucket(Bucket b) {
        commit(new WriteBatch().put(layout.buckets, S3StoreLayout.utf8(b.name), S3StoreLayout.encodeBucket(b)));
    }

    // ------------------------------------------------------------------ bucket tagging

    public void putBucketTagging(String name, List<Tags.Tag> tags) {
        Map<String, String> checked = Tags.bucketTags(tags);
        Bucket b = bucket(name);
        synchronized (b) {
            Map<String, String> before = b.tags;
            b.tags = checked;
            try {
                saveBucket(b);
            } catch (RuntimeException e) {
                b.tags = before;
                throw e;
            }
        }
    }

    /** The bucket's tags; NoSuchTagSet when it has none. */
    public Map<String, String> bucketTagging(String name) {
        Bucket b = bucket(name);
        Map<String, String> tags = b.tags;
        if (tags.isEmpty()) {
            throw S3Errors.NO_SUCH_TAG_SET.withDetails("BucketName", name);
        }
        return tags;
    }

    public void deleteBucketTagging(String name) {
        Bucket b = bucket(name);
        synchronized (b) {
            if (!b.tags.isEmpty()) {
                b.tags = Map.of();
                saveBucket(b);
            }
        }
    }

    // ------------------------------------------------------------------ bucket policy

    /** Stores a bucket policy: a JSON object with statements (MalformedPolicy otherwise). */
    public void putBucketPolicy(String name, String policy) {
        Bucket b = bucket(name);
        JsonNode doc;
        try {
            doc = policy == null ? null : JSON.readTree(policy);
        } catch (Exception e) {
            doc = null;
        }
        if (doc == null || !doc.isObject() || !policy.stripLeading().startsWith("{")) {
            throw S3Errors.MALFORMED_POLICY.error();
        }
        if (!doc.has("Statement")) {
            throw S3Errors.MALFORMED_POLICY.error("Missing required field Statement");
        }
        synchronized (b) {
            String before = b.policy;
            b.policy = policy;
            try {
                saveBucket(b);
            } catch (RuntimeException e) {
                b.policy = before;
                throw e;
            }
        }
    }

    /** The bucket's policy; NoSuchBucketPolicy when it has none. */
    public String bucketPolicy(String name) {
        Bucket b = bucket(name);
        String policy = b.policy;
        if (policy == null) {
            throw S3Errors.NO_SUCH_BUCKET_POLICY.withDetails("BucketName", name);
        }
        return policy;
    }

    public void deleteBucketPolicy(String name) {
        Bucket b = bucket(name);
        synchronized (b) {
            if (b.policy != null) {
                b.policy = null;
                saveBucket(b);
            }
        }
    }

    /** The policy of the bucket an ARN names ({@code arn:aws:s3:::bucket} or {@code …:::bucket/key}), or null. */
    public String policyOf(String arn) {
        String prefix = "arn:aws:s3:::";
        if (arn == null || !arn.startsWith(prefix)) {
            return null;
        }
        String rest = arn.substring(prefix.length());
        int slash = rest.indexOf('/');
        Bucket b = buckets.get(slash < 0 ? rest : rest.substring(0, slash));
        return b == null || b.deleted ? null : b.policy;
    }

    // ------------------------------------------------------------------ notifications

    /**
     * Replaces the bucket's notification configuration (validated; each destination gets an s3:TestEvent unless
     * {@code skipDestinationValidation}).
     */
    public void putNotificationConfiguration(String name, List<NotificationRule> rules, Requester requester,
                                             boolean skipDestinationValidation) {
        notifications.configure(bucket(name), rules, requester, skipDestinationValidation);
    }

    public void putNotificationConfiguration(String name, List<NotificationRule> rules, Requester requester) {
        putNotificationConfiguration(name, rules, requester, false);
    }

    public List<NotificationRule> notificationConfiguration(String name) {
        return bucket(name).notifications;
    }

    // ------------------------------------------------------------------ in-process writers

    /**
     * Writes an object from inside Wharf (Firehose's deliveries): the same durable path as PutObject, raising
     * {@code s3:ObjectCreated:Put}.
     *
     * @param length the exact number of bytes {@code content} holds, or -1 when unknown
     * @return the ETag (hex MD5, without quotes)
     * @throws NoSuchBucketException when the bucket does not exist
     */
    public String putObject(String bucket, String key, InputStream content, long length, String contentType,
                            String contentEncoding, Map<String, String> metadata) {
        if (!bucketExists(bucket)) {
            throw new NoSuchBucketException(bucket);
        }
        RequestBody body = new RequestBody() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public InputStream open() {
                return content;
            }

            @Override
            public Map<String, String> trailers() {
                return Map.of();
            }
        };
        PutRequest request = new PutRequest(bucket, key, body,
                new ContentHeaders(contentType, contentEncoding, null, null, null, null),
                metadata == null ? Map.of() : metadata, Map.of(), null, null, Map.of(), null, null,
                Requester.internal("AWS:firehose"));
        return objects.put(request).etag();
    }

    /** What an in-process writer gets for a bucket that does not exist. */
    public static final class NoSuchBucketException extends RuntimeException {
        public NoSuchBucketException(String bucket) {
            super("S3 bucket " + bucket + " does not exist");
        }
    }

    /** Stops delivering notifications; what is undelivered stays in the outbox for the next start. */
    @Override
    public void close() {
        notifications.close();
    }

    static Logger log() {
        return log;
    }
}
