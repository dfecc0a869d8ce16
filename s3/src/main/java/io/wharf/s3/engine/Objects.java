package io.wharf.s3.engine;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.wire.RequestBody;
import io.wharf.s3.S3Errors;
import io.wharf.storage.WriteBatch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;

/**
 * Objects: PUT (streamed to a file with its digests, verified, fsynced, then its record committed), GET/HEAD (ranges
 * and conditions), DELETE, CopyObject and object tagging. A write of a key holds the key's stripe lock from its
 * conditions through the awaited commit of its record and event; the file it replaced is deleted after that.
 */
public final class Objects {
    /** The largest object one PUT or copy may make: 5 GiB. */
    public static final long MAX_SINGLE_PUT = 5L * 1024 * 1024 * 1024;
    public static final int MAX_KEY_BYTES = 1024;
    /** User-defined metadata: the UTF-8 bytes of every name (without {@code x-amz-meta-}) and value, summed. */
    public static final int MAX_METADATA_BYTES = 2 * 1024;

    private final S3Engine engine;

    Objects(S3Engine engine) {
        this.engine = engine;
    }

    /** What a write answers: the ETag (hex), the object's checksum (or null), size and time. */
    public record PutResult(String etag, ObjectChecksum checksum, long size, long lastModified) {
        public String quotedEtag() {
            return '"' + etag + '"';
        }
    }

    static void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw S3Errors.invalidArgument("Key must not be empty", "key", key);
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw S3Errors.KEY_TOO_LONG.withDetails("Size", Integer.toString(bytes), "MaxSizeAllowed",
                    Integer.toString(MAX_KEY_BYTES));
        }
    }

    // ------------------------------------------------------------------ PUT

    public PutResult put(PutRequest r) {
        Bucket bucket = engine.bucket(r.bucket());
        checkKey(r.key());
        checkMetadata(r.metadata());
        checkWriteConditions(r.ifMatch(), r.ifNoneMatch());
        Set<ChecksumAlgorithm> algorithms = EnumSet.noneOf(ChecksumAlgorithm.class);
        algorithms.addAll(r.sentChecksums().keySet());
        if (r.checksumAlgorithm() != null) {
            algorithms.add(r.checksumAlgorithm());
        }
        if (algorithms.isEmpty()) {
            algorithms.add(ChecksumAlgorithm.CRC64NVME);
        }
        ObjectFiles.Written written = receive(r.body(), MAX_SINGLE_PUT, algorithms);
        try {
            ObjectChecksum checksum = verify(written, r.body(), r.contentMd5(), r.checksumAlgorithm(),
                    r.sentChecksums());
            Map<String, String> metadata = Map.copyOf(r.metadata());
            StoredObject old = commitObject(bucket, r.key(), r.ifMatch(), r.ifNoneMatch(), -1, seq ->
                    new StoredObject(bucket.name, r.key(), written.fileId(), written.size(), written.md5Hex(),
                            engine.clock.millis(), r.headers().withDefaultType(), metadata, Map.copyOf(r.tags()),
                            checksum, 0, seq, List.of()), "ObjectCreated:Put", r.requester());
            StoredObject now = bucket.objects.get(r.key());
            if (old != null) {
                engine.files.deleteQuietly(old.fileId());
            }
            return new PutResult(written.md5Hex(), checksum, written.size(),
                    now == null ? engine.clock.millis() : now.lastModified());
        } catch (RuntimeException e) {
            engine.files.deleteQuietly(written.fileId());
            throw e;
        }
    }

    /** PutObject and CompleteMultipartUpload take only {@code If-None-Match: *}; other values are not implemented. */
    static void checkWriteConditions(String ifMatch, String ifNoneMatch) {
        if (ifNoneMatch != null && !ifNoneMatch.trim().equals("*")) {
            throw S3Errors.notImplemented("If-None-Match");
        }
    }

    /** Receives a body into a new durable file: moves the front door's spool file when there is one. */
    ObjectFiles.Written receive(RequestBody body, long maxSize, Set<ChecksumAlgorithm> algorithms) {
        try {
            if (body == null) {
                return engine.files.write(InputStream.nullInputStream(), maxSize, algorithms);
            }
            if (body.length() > maxSize) {
                throw S3Errors.ENTITY_TOO_LARGE.withDetails("ProposedSize", Long.toString(body.length()),
                        "MaxSizeAllowed", Long.toString(maxSize));
            }
            Path spool = body.file();
            if (spool != null) {
                return engine.files.adopt(spool, maxSize, algorithms);
            }
            try (InputStream in = body.open()) {
                return engine.files.write(in, maxSize, algorithms);
            }
        } catch (RequestBody.BodyException e) {
            throw e.error();
        } catch (IOException e) {
            if (e.getCause() instanceof AwsException aws) {
                throw aws;
            }
            throw S3Errors.INCOMPLETE_BODY.error();
        }
    }

    /**
     * Checks what the client said about the bytes against what arrived — the declared length, Content-MD5, an
     * {@code x-amz-checksum-*} header or trailer — and returns the checksum to keep: the one sent, else the one asked
     * for, else CRC64NVME (S3's default).
     */
    ObjectChecksum verify(ObjectFiles.Written w, RequestBody body, String contentMd5, ChecksumAlgorithm requested,
                          Map<ChecksumAlgorithm, String> sentHeaders) {
        if (body != null && body.length() >= 0 && w.size() != body.length()) {
            throw S3Errors.INCOMPLETE_BODY.error();
        }
        if (contentMd5 != null) {
            byte[] md5;
            try {
                md5 = Base64.getDecoder().decode(contentMd5.trim());
            } catch (IllegalArgumentException e) {
                md5 = null;
            }
            if (md5 == null || md5.length != 16) {
                throw S3Errors.INVALID_DIGEST.withDetails("Content-MD5", contentMd5);
            }
            if (!java.util.Arrays.equals(md5, w.md5())) {
                throw S3Errors.BAD_DIGEST.withDetails("ExpectedDigest", contentMd5, "CalculatedDigest",
                        Base64.getEncoder().encodeToString(w.md5()));
            }
        }
        Map<ChecksumAlgorithm, String> sent = new EnumMap<>(ChecksumAlgorithm.class);
        sent.putAll(sentHeaders);
        if (body != null) {
            body.trailers().forEach((name, value) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.startsWith("x-amz-checksum-")) {
                    ChecksumAlgorithm a = ChecksumAlgorithm.parse(lower.substring("x-amz-checksum-".length()));
                    if (a != null) {
                        sent.put(a, value.trim());
                    }
                }
            });
        }
        if (sent.size() > 1) {
            throw S3Errors.invalidRequest("Expecting a single x-amz-checksum- header. Multiple checksum Types are not"
                    + " allowed.");
        }
        if (sent.isEmpty() && requested != null) {
            throw S3Errors.invalidRequest("x-amz-sdk-checksum-algorithm specified, but no corresponding"
                    + " x-amz-checksum-* or x-amz-trailer headers were found.");
        }
        for (Map.Entry<ChecksumAlgorithm, String> e : sent.entrySet()) {
            ChecksumAlgorithm a = e.getKey();
            if (!a.wellFormed(e.getValue())) {
                throw S3Errors.invalidRequest("Value for " + a.header() + " header is invalid.");
            }
            String computed = computed(w, a);
            if (!computed.equals(e.getValue())) {
                throw S3Errors.BAD_DIGEST.error("The " + a.display() + " you specified did not match the calculated"
                        + " checksum.");
            }
            return new ObjectChecksum(a, computed, ObjectChecksum.Type.FULL_OBJECT);
        }
        ChecksumAlgorithm keep = requested != null ? requested : ChecksumAlgorithm.CRC64NVME;
        return new ObjectChecksum(keep, computed(w, keep), ObjectChecksum.Type.FULL_OBJECT);
    }

    /** The checksum computed while writing, or (for a trailer nobody announced) by reading the file again. */
    private String computed(ObjectFiles.Written w, ChecksumAlgorithm a) {
        String value = w.checksums().get(a);
        if (value != null) {
            return value;
        }
        try {
            ObjectFiles.Digests d = engine.files.digest(w.fileId(), 0, w.size(), EnumSet.of(a));
            return d.result(w.fileId()).checksums().get(a);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes {@code make(sequencer)} the key's current object: under the key's lock, checks the write conditions
     * (If-Match / If-None-Match against the current object; {@code notWrittenSince} ≥ 0 means any write of the key
     * after that sequencer is a ConditionalRequestConflict), commits its record with the event's outbox entries and
     * waits, then shows it. Returns the object it replaced (whose file the caller deletes), or null.
     */
    StoredObject commitObject(Bucket bucket, String key, String ifMatch, String ifNoneMatch, long notWrittenSince,
                              LongFunction<StoredObject> make, String eventName, Requester requester) {
        return commitObject(bucket, key, ifMatch, ifNoneMatch, notWrittenSince, make, eventName, requester, null);
    }

    /** As above, with {@code alsoWrite} adding changes to the same batch (a completed upload's records go). */
    StoredObject commitObject(Bucket bucket, String key, String ifMatch, String ifNoneMatch, long notWrittenSince,
                              LongFunction<StoredObject> make, String eventName, Requester requester,
                              java.util.function.Consumer<WriteBatch> alsoWrite) {
        bucket.lifecycle.readLock().lock();
        try {
            if (bucket.deleted) {
                throw S3Errors.noSuchBucket(bucket.name);
            }
            ReentrantLock lock = bucket.lockOf(key);
            lock.lock();
            try {
                StoredObject current = bucket.objects.get(key);
                if (ifNoneMatch != null && current != null) {
                    throw S3Errors.preconditionFailed("If-None-Match");
                }
                if (ifMatch != null) {
                    if (current == null) {
                        throw S3Errors.noSuchKey(key);
                    }
                    if (!Preconditions.etagMatches(ifMatch, current.etag())) {
                        throw S3Errors.preconditionFailed("If-Match");
                    }
                }
                if (notWrittenSince >= 0 && (ifMatch != null || ifNoneMatch != null) && current != null
                        && current.sequencer() > notWrittenSince) {
                    throw S3Errors.CONDITIONAL_REQUEST_CONFLICT.error();
                }
                StoredObject object = make.apply(engine.nextSequencer());
                WriteBatch batch = new WriteBatch().put(engine.layout.objects,
                        S3StoreLayout.objectKey(bucket.name, key), S3StoreLayout.encodeObject(object));
                if (alsoWrite != null) {
                    alsoWrite.accept(batch);
                }
                List<OutboxEntry> events = engine.notifications.events(bucket, eventName, object, requester, batch);
                engine.commit(batch);
                bucket.objects.put(key, object);
                engine.notifications.enqueue(events);
                return current;
            } finally {
                lock.unlock();
            }
        } finally {
            bucket.lifecycle.readLock().unlock();
        }
    }

    // ------------------------------------------------------------------ GET / HEAD

    /**
     * Reads an object: checks the conditions, resolves the range, and for a GET ({@code open}) opens its file while it
     * is current.
     */
    public ObjectRead read(String bucketName, String key, Preconditions conditions, String range, boolean open) {
        return read(bucketName, key, conditions, range, null, open);
    }

    /**
     * As above, or one part of the object ({@code partNumber}: of a multipart object its part's bytes; of another
     * object part 1 is all of it, as S3 answers).
     */
    public ObjectRead read(String bucketName, String key, Preconditions conditions, String range, Integer partNumber,
                           boolean open) {
        if (partNumber != null && range != null) {
            throw S3Errors.invalidRequest("Cannot specify both Range header and partNumber query parameter");
        }
        if (partNumber != null && (partNumber < 1 || partNumber > Multipart.MAX_PARTS)) {
            throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive",
                    "partNumber", partNumber.toString());
        }
        Bucket bucket = engine.bucket(bucketName);
        ReentrantLock lock = bucket.lockOf(key);
        lock.lock();
        try {
            StoredObject o = bucket.objects.get(key);
            if (o == null) {
                throw S3Errors.noSuchKey(key);
            }
            conditions.checkRead(o);
            ByteRange r = partNumber == null ? ByteRange.parse(range, o.size()) : partRange(o, partNumber);
            FileChannel channel = open ? engine.files.open(o.fileId()) : null;
            return new ObjectRead(o, r, channel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    private static ByteRange partRange(StoredObject o, int partNumber) {
        int parts = o.partSizes().isEmpty() ? 1 : o.partSizes().size();
        if (partNumber > parts) {
            throw S3Errors.INVALID_PART_NUMBER.withDetails("PartNumberRequested", Integer.toString(partNumber),
                    "ActualPartCount", Integer.toString(parts));
        }
        if (o.partSizes().isEmpty()) {
            return null;
        }
        long start = 0;
        for (int i = 0; i < partNumber - 1; i++) {
            start += o.partSizes().get(i);
        }
        long length = o.partSizes().get(partNumber - 1);
        return length == 0 ? null : new ByteRange(start, start + length - 1);
    }

    /** The current object of a key, or NoSuchKey. */
    public StoredObject head(String bucketName, String key) {
        StoredObject o = engine.bucket(bucketName).objects.get(key);
        if (o == null) {
            throw S3Errors.noSuchKey(key);
        }
        return o;
    }

    // ------------------------------------------------------------------ DELETE

    /** Deletes a key; deleting one that does not exist succeeds too. Returns whether an object was removed. */
    public boolean delete(String bucketName, String key, Requester requester) {
        Bucket bucket = engine.bucket(bucketName);
        StoredObject removed;
        bucket.lifecycle.readLock().lock();
        try {
            ReentrantLock lock = bucket.lockOf(key);
            lock.lock();
            try {
                removed = bucket.objects.get(key);
                if (removed == null) {
                    return false;
                }
                WriteBatch batch = new WriteBatch().delete(engine.layout.objects,
                        S3StoreLayout.objectKey(bucket.name, key));
                StoredObject gone = new StoredObject(bucket.name, key, removed.fileId(), 0, removed.etag(),
                        engine.clock.millis(), removed.headers(), Map.of(), Map.of(), null, 0,
                        engine.nextSequencer(), List.of());
                List<OutboxEntry> events = engine.notifications.events(bucket, "ObjectRemoved:Delete", gone,
                        requester, batch);
                engine.commit(batch);
                bucket.objects.remove(key);
                engine.notifications.enqueue(events);
            } finally {
                lock.unlock();
            }
        } finally {
            bucket.lifecycle.readLock().unlock();
        }
        engine.files.deleteQuietly(removed.fileId());
        return true;
    }

    /** One key's outcome in DeleteObjects: deleted, or the error it met. */
    public record DeleteOutcome(String key, AwsException error) {
    }

    /** DeleteObjects: each key on its own (at most 1,000 keys, as AWS allows). */
    public List<DeleteOutcome> deleteMany(String bucketName, List<String> keys, Requester requester) {
        engine.bucket(bucketName);
        if (keys.isEmpty() || keys.size() > 1000) {
            throw S3Errors.MALFORMED_XML.error();
        }
        List<DeleteOutcome> outcomes = new ArrayList<>(keys.size());
        for (String key : keys) {
            try {
                checkKey(key);
                delete(bucketName, key, requester);
                outcomes.add(new DeleteOutcome(key, null));
            } catch (AwsException e) {
                outcomes.add(new DeleteOutcome(key, e));
            }
        }
        return outcomes;
    }

    // ------------------------------------------------------------------ CopyObject

    /** A parsed {@code x-amz-copy-source}: {@code [/]bucket/key[?versionId=…]}, URL-encoded. */
    public record CopySource(String bucket, String key) {
        public static CopySource parse(String header) {
            if (header == null) {
                throw S3Errors.invalidArgument("Copy Source must mention the source bucket and key:"
                        + " sourcebucket/sourcekey", "x-amz-copy-source", header);
            }
            String source = header;
            int query = source.indexOf('?');
            if (query >= 0) {
                String version = source.substring(query + 1);
                source = source.substring(0, query);
                if (!version.isEmpty() && !version.equals("versionId=null")) {
                    throw S3Errors.invalidArgument("Invalid version id specified", "x-amz-copy-source", header);
                }
            }
            String decoded;
            try {
                decoded = URLDecoder.decode(source.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = source;
            }
            if (decoded.startsWith("/")) {
                decoded = decoded.substring(1);
            }
            int slash = decoded.indexOf('/');
            if (slash <= 0 || slash == decoded.length() - 1) {
                throw S3Errors.invalidArgument("Copy Source must mention the source bucket and key:"
                        + " sourcebucket/sourcekey", "x-amz-copy-source", header);
            }
            return new CopySource(decoded.substring(0, slash), decoded.substring(slash + 1));
        }
    }

    /**
     * A CopyObject.
     *
     * @param replaceMetadata   MetadataDirective REPLACE: headers and metadata from the request, else the source's
     * @param replaceTags       TaggingDirective REPLACE: {@code tags} from the request, else the source's
     * @param checksumAlgorithm the new object's checksum algorithm, or null for the source's
     */
    public record CopyRequest(String bucket, String key, CopySource source, Preconditions sourceConditions,
                              boolean replaceMetadata, ContentHeaders headers, Map<String, String> metadata,
                              boolean replaceTags, Map<String, String> tags, ChecksumAlgorithm checksumAlgorithm,
                              String ifMatch, String ifNoneMatch, boolean otherChanges, Requester requester) {
    }

    public PutResult copy(CopyRequest r) {
        Bucket target = engine.bucket(r.bucket());
        checkKey(r.key());
        if (r.replaceMetadata()) {
            checkMetadata(r.metadata());
        }
        checkWriteConditions(r.ifMatch(), r.ifNoneMatch());
        Bucket sourceBucket = engine.bucket(r.source().bucket());
        StoredObject source;
        FileChannel channel;
        ReentrantLock lock = sourceBucket.lockOf(r.source().key());
        lock.lock();
        try {
            source = sourceBucket.objects.get(r.source().key());
            if (source == null) {
                throw S3Errors.noSuchKey(r.source().key());
            }
            r.sourceConditions().checkCopySource(source);
            if (source.size() > MAX_SINGLE_PUT) {
                throw S3Errors.invalidRequest("The specified copy source is larger than the maximum allowable size"
                        + " for a copy source: " + MAX_SINGLE_PUT);
            }
            boolean sameObject = sourceBucket == target && source.key().equals(r.key());
            boolean sameChecksum = r.checksumAlgorithm() == null || (source.checksum() != null
                    && source.checksum().algorithm() == r.checksumAlgorithm());
            if (sameObject && !r.replaceMetadata() && !r.otherChanges() && sameChecksum) {
                throw S3Errors.invalidRequest("This copy request is illegal because it is trying to copy an object to"
                        + " itself without changing the object's metadata, storage class, website redirect location"
                        + " or encryption attributes.");
            }
            channel = engine.files.open(source.fileId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
        ChecksumAlgorithm algorithm = r.checksumAlgorithm() != null ? r.checksumAlgorithm()
                : source.checksum() != null ? source.checksum().algorithm() : ChecksumAlgorithm.CRC64NVME;
        ObjectFiles.Written written;
        try (FileChannel in = channel) {
            written = engine.files.copy(in, 0, source.size(), EnumSet.of(algorithm));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            ObjectChecksum checksum = new ObjectChecksum(algorithm, written.checksums().get(algorithm),
                    ObjectChecksum.Type.FULL_OBJECT);
            ContentHeaders headers = r.replaceMetadata() ? r.headers().withDefaultType() : source.headers();
            Map<String, String> metadata = r.replaceMetadata() ? Map.copyOf(r.metadata()) : source.metadata();
            Map<String, String> tags = r.replaceTags() ? Map.copyOf(r.tags()) : source.tags();
            StoredObject old = commitObject(target, r.key(), r.ifMatch(), r.ifNoneMatch(), -1, seq ->
                    new StoredObject(target.name, r.key(), written.fileId(), written.size(), written.md5Hex(),
                            engine.clock.millis(), headers, metadata, tags, checksum, 0, seq, List.of()),
                    "ObjectCreated:Copy", r.requester());
            StoredObject now = target.objects.get(r.key());
            if (old != null) {
                engine.files.deleteQuietly(old.fileId());
            }
            return new PutResult(written.md5Hex(), checksum, written.size(),
                    now == null ? engine.clock.millis() : now.lastModified());
        } catch (RuntimeException e) {
            engine.files.deleteQuietly(written.fileId());
            throw e;
        }
    }

    // ------------------------------------------------------------------ tagging

    public Map<String, String> tagging(String bucketName, String key) {
        return head(bucketName, key).tags();
    }

    public void putTagging(String bucketName, String key, List<Tags.Tag> tags) {
        Map<String, String> checked = Tags.objectTags(tags);
        retag(bucketName, key, checked);
    }

    public void deleteTagging(String bucketName, String key) {
        retag(bucketName, key, Map.of());
    }

    /** Rewrites the object's record with new tags (same file, same sequencer: tagging is not a write of the object). */
    private void retag(String bucketName, String key, Map<String, String> tags) {
        Bucket bucket = engine.bucket(bucketName);
        bucket.lifecycle.readLock().lock();
        try {
            ReentrantLock lock = bucket.lockOf(key);
            lock.lock();
            try {
                StoredObject o = bucket.objects.get(key);
                if (o == null) {
                    throw S3Errors.noSuchKey(key);
                }
                StoredObject tagged = o.withTags(tags);
                engine.commit(new WriteBatch().put(engine.layout.objects, S3StoreLayout.objectKey(bucket.name, key),
                        S3StoreLayout.encodeObject(tagged)));
                bucket.objects.put(key, tagged);
            } finally {
                lock.unlock();
            }
        } finally {
            bucket.lifecycle.readLock().unlock();
        }
    }

    /**
     * AWS's 2 KB limit on user-defined metadata, measured as the sum of the UTF-8 bytes of each name and value;
     * over it is MetadataTooLarge with the size and the limit.
     */
    public static void checkMetadata(Map<String, String> metadata) {
        long size = 0;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            size += utf8Length(e.getKey()) + utf8Length(e.getValue());
        }
        if (size > MAX_METADATA_BYTES) {
            throw S3Errors.METADATA_TOO_LARGE.withDetails("Size", Long.toString(size), "MaxSizeAllowed",
                    Integer.toString(MAX_METADATA_BYTES));
        }
    }

    private static long utf8Length(String s) {
        return s == null ? 0 : io.wharf.protocol.Utf8.length(s);
    }

    /** User metadata as stored: names in lower case, as S3 keeps them. */
    public static Map<String, String> normalizeMetadata(Map<String, String> metadata) {
        Map<String, String> result = new LinkedHashMap<>();
        metadata.forEach((k, v) -> result.put(k.toLowerCase(Locale.ROOT), v));
        return result;
    }
}
