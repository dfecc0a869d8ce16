package io.wharf.s3.engine;

import io.wharf.protocol.wire.RequestBody;
import io.wharf.s3.S3Errors;
import io.wharf.storage.WriteBatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Multipart uploads: parts are files like objects (their records in {@code s3.parts}); Complete concatenates the
 * listed parts' files into the object's file with {@link FileChannel#transferTo}, so a 5 GiB object never passes
 * through the heap, and commits the object's record and the removal of the upload's in one batch. AWS's rules: part
 * numbers 1 to 10,000, every part but the last at least 5 MiB, parts listed in ascending order with their ETags; the
 * ETag is the hex MD5 of the concatenated binary MD5s of the parts with {@code -N} appended, and a composite checksum is
 * made the same way from the parts' checksums.
 */
public final class Multipart {
    public static final int MAX_PARTS = 10_000;
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    public static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
    private static final Pattern COPY_RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final S3Engine engine;

    Multipart(S3Engine engine) {
        this.engine = engine;
    }

    /**
     * Starts an upload.
     *
     * @param algorithm the checksum the parts carry, or null
     * @param type      FULL_OBJECT or COMPOSITE, or null for the algorithm's default
     */
    public Upload create(String bucketName, String key, ContentHeaders headers, Map<String, String> metadata,
                         Map<String, String> tags, ChecksumAlgorithm algorithm, ObjectChecksum.Type type,
                         String owner) {
        Bucket bucket = engine.bucket(bucketName);
        Objects.checkKey(key);
        Objects.checkMetadata(metadata);
        if (type != null && algorithm == null) {
            throw S3Errors.invalidRequest("The x-amz-checksum-type header can only be used with the"
                    + " x-amz-checksum-algorithm header.");
        }
        ObjectChecksum.Type effective = type;
        if (algorithm != null) {
            if (effective == null) {
                effective = algorithm == ChecksumAlgorithm.CRC64NVME ? ObjectChecksum.Type.FULL_OBJECT
                        : ObjectChecksum.Type.COMPOSITE;
            }
            if (effective == ObjectChecksum.Type.FULL_OBJECT && !algorithm.isCrc()) {
                throw S3Errors.invalidRequest("The FULL_OBJECT checksum type cannot be used with the "
                        + algorithm.name().toLowerCase(java.util.Locale.ROOT) + " checksum algorithm.");
            }
            if (effective == ObjectChecksum.Type.COMPOSITE && algorithm == ChecksumAlgorithm.CRC64NVME) {
                throw S3Errors.invalidRequest("The COMPOSITE checksum type cannot be used with the crc64nvme checksum"
                        + " algorithm.");
            }
        }
        byte[] id = new byte[48];
        RANDOM.nextBytes(id);
        String uploadId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        Upload upload = new Upload(uploadId, bucket.name, key, engine.clock.millis(), headers.withDefaultType(),
                Map.copyOf(metadata), Map.copyOf(tags), algorithm, effective, engine.nextSequencer(), owner);
        bucket.lifecycle.readLock().lock();
        try {
            if (bucket.deleted) {
                throw S3Errors.noSuchBucket(bucketName);
            }
            engine.commit(new WriteBatch().put(engine.layout.uploads, S3StoreLayout.utf8(uploadId),
                    S3StoreLayout.encodeUpload(upload)));
            engine.uploads.put(uploadId, upload);
        } finally {
            bucket.lifecycle.readLock().unlock();
        }
        return upload;
    }

    private Upload upload(String bucketName, String key, String uploadId) {
        engine.bucket(bucketName);
        Upload u = uploadId == null ? null : engine.uploads.get(uploadId);
        if (u == null || !u.bucket.equals(bucketName) || !u.key.equals(key)) {
            throw S3Errors.noSuchUpload(uploadId);
        }
        return u;
    }

    /** The checksum algorithm of an upload in progress, or null (none, or no such upload). */
    public ChecksumAlgorithm checksumAlgorithm(String uploadId) {
        Upload u = uploadId == null ? null : engine.uploads.get(uploadId);
        return u == null ? null : u.checksumAlgorithm;
    }

    static void checkPartNumber(Integer number) {
        if (number == null || number < 1 || number > MAX_PARTS) {
            throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive",
                    "partNumber", number == null ? null : number.toString());
        }
    }

    /** Receives one part (replacing an earlier part of the same number). */
    public Part uploadPart(String bucketName, String key, String uploadId, Integer partNumber, RequestBody body,
                           String contentMd5, ChecksumAlgorithm requested, Map<ChecksumAlgorithm, String> sent) {
        checkPartNumber(partNumber);
        Upload u = upload(bucketName, key, uploadId);
        Set<ChecksumAlgorithm> algorithms = EnumSet.noneOf(ChecksumAlgorithm.class);
        algorithms.addAll(sent.keySet());
        if (u.checksumAlgorithm != null) {
            algorithms.add(u.checksumAlgorithm);
        }
        if (requested != null) {
            algorithms.add(requested);
        }
        ObjectFiles.Written w = engine.objects().receive(body, MAX_PART_SIZE, algorithms);
        try {
            ObjectChecksum verified = engine.objects().verify(w, body, contentMd5, requested, sent);
            String checksum = null;
            if (u.checksumAlgorithm != null) {
                if (verified.algorithm() != u.checksumAlgorithm && (requested != null || !sent.isEmpty())) {
                    throw S3Errors.invalidRequest("Checksum Type mismatch occurred, expected checksum Type: "
                            + u.checksumAlgorithm.name().toLowerCase(java.util.Locale.ROOT) + ", actual checksum Type: "
                            + verified.algorithm().name().toLowerCase(java.util.Locale.ROOT));
                }
                checksum = w.checksums().get(u.checksumAlgorithm);
            }
            Part part = new Part(partNumber, w.fileId(), w.size(), w.md5Hex(), engine.clock.millis(), checksum);
            savePart(u, part);
            return part;
        } catch (RuntimeException e) {
            engine.files.deleteQuietly(w.fileId());
            throw e;
        }
    }

    /** UploadPartCopy: a part made of (a range of) an existing object. */
    public Part uploadPartCopy(String bucketName, String key, String uploadId, Integer partNumber,
                               Objects.CopySource source, String copyRange, Preconditions conditions) {
        checkPartNumber(partNumber);
        Upload u = upload(bucketName, key, uploadId);
        Bucket sourceBucket = engine.bucket(source.bucket());
        StoredObject o;
        FileChannel channel;
        var lock = sourceBucket.lockOf(source.key());
        lock.lock();
        try {
            o = sourceBucket.objects.get(source.key());
            if (o == null) {
                throw S3Errors.noSuchKey(source.key());
            }
            conditions.checkCopySource(o);
            channel = engine.files.open(o.fileId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
        long start = 0;
        long length = o.size();
        if (copyRange != null) {
            Matcher m = COPY_RANGE.matcher(copyRange.trim());
            if (!m.matches()) {
                closeQuietly(channel);
                throw S3Errors.invalidArgument("The x-amz-copy-source-range value must be of the form"
                        + " bytes=first-last where first and last are the zero-based offsets of the first and last"
                        + " bytes to copy", "x-amz-copy-source-range", copyRange);
            }
            start = Long.parseLong(m.group(1));
            long end = Long.parseLong(m.group(2));
            if (end < start || end >= o.size()) {
                closeQuietly(channel);
                throw S3Errors.invalidArgument("Range specified is not valid for source object of size: " + o.size(),
                        "x-amz-copy-source-range", copyRange);
            }
            length = end - start + 1;
        }
        if (length > MAX_PART_SIZE) {
            closeQuietly(channel);
            throw S3Errors.invalidRequest("The specified copy source is larger than the maximum allowable size for a"
                    + " copy source: " + MAX_PART_SIZE);
        }
        Set<ChecksumAlgorithm> algorithms = u.checksumAlgorithm == null ? EnumSet.noneOf(ChecksumAlgorithm.class)
                : EnumSet.of(u.checksumAlgorithm);
        ObjectFiles.Written w;
        try (FileChannel in = channel) {
            w = engine.files.copy(in, start, length, algorithms);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Part part = new Part(partNumber, w.fileId(), w.size(), w.md5Hex(), engine.clock.millis(),
                    u.checksumAlgorithm == null ? null : w.checksums().get(u.checksumAlgorithm));
            savePart(u, part);
            return part;
        } catch (RuntimeException e) {
            engine.files.deleteQuietly(w.fileId());
            throw e;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // read-only
        }
    }

    private void savePart(Upload u, Part part) {
        Part old;
        u.lock.lock();
        try {
            if (u.finished) {
                throw S3Errors.noSuchUpload(u.uploadId);
            }
            engine.commit(new WriteBatch().put(engine.layout.parts, S3StoreLayout.partKey(u.uploadId, part.number()),
                    S3StoreLayout.encodePart(part)));
            old = u.parts.put(part.number(), part);
        } finally {
            u.lock.unlock();
        }
        if (old != null) {
            engine.files.deleteQuietly(old.fileId());
        }
    }

    /** A part as CompleteMultipartUpload lists it: number, ETag and the checksum the client has for it (or null). */
    public record CompletedPart(Integer number, String etag, String checksum) {
    }

    /** Completes an upload into its object. */
    public Objects.PutResult complete(String bucketName, String key, String uploadId, List<CompletedPart> listed,
                                      String ifMatch, String ifNoneMatch, Requester requester) {
        Upload u = upload(bucketName, key, uploadId);
        Bucket bucket = engine.bucket(bucketName);
        Objects.checkWriteConditions(ifMatch, ifNoneMatch);
        if (listed.isEmpty()) {
            throw S3Errors.MALFORMED_XML.error();
        }
        u.lock.lock();
        try {
            if (u.finished) {
                throw S3Errors.noSuchUpload(uploadId);
            }
            List<Part> parts = new ArrayList<>(listed.size());
            int previous = 0;
            for (CompletedPart c : listed) {
                if (c.number() == null || c.number() <= previous) {
                    throw S3Errors.INVALID_PART_ORDER.withDetails("UploadId", uploadId);
                }
                previous = c.number();
                Part p = u.parts.get(c.number());
                String etag = c.etag() == null ? null : c.etag().replace("\"", "").trim();
                if (p == null || etag == null || !etag.equals(p.etag())) {
                    throw S3Errors.INVALID_PART.withDetails("UploadId", uploadId, "PartNumber",
                            c.number().toString(), "ETag", c.etag());
                }
                if (c.checksum() != null && p.checksum() != null && !c.checksum().equals(p.checksum())) {
                    throw S3Errors.INVALID_PART.withDetails("UploadId", uploadId, "PartNumber",
                            c.number().toString(), "ETag", c.etag());
                }
                parts.add(p);
            }
            for (int i = 0; i < parts.size() - 1; i++) {
                Part p = parts.get(i);
                if (p.size() < MIN_PART_SIZE) {
                    throw S3Errors.ENTITY_TOO_SMALL.withDetails("ProposedSize", Long.toString(p.size()),
                            "MinSizeAllowed", Long.toString(MIN_PART_SIZE), "PartNumber",
                            Integer.toString(p.number()), "ETag", p.etag());
                }
            }
            String fileId;
            try {
                fileId = engine.files.concat(parts.stream().map(Part::fileId).toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                long size = parts.stream().mapToLong(Part::size).sum();
                String etag = multipartEtag(parts);
                ObjectChecksum checksum = checksum(u, parts, fileId, size);
                StoredObject old = engine.objects().commitObject(bucket, key, ifMatch, ifNoneMatch,
                        u.sequencerAtStart, seq -> new StoredObject(bucket.name, key, fileId, size, etag,
                                engine.clock.millis(), u.headers, u.metadata, u.tags, checksum, parts.size(), seq,
                                parts.stream().map(Part::size).toList()),
                        "ObjectCreated:CompleteMultipartUpload", requester, batch -> {
                            batch.delete(engine.layout.uploads, S3StoreLayout.utf8(uploadId));
                            batch.deleteRange(engine.layout.parts, S3StoreLayout.uploadPrefix(uploadId),
                                    S3StoreLayout.uploadEnd(uploadId));
                        });
                u.finished = true;
                engine.uploads.remove(uploadId);
                u.parts.values().forEach(p -> engine.files.deleteQuietly(p.fileId()));
                if (old != null) {
                    engine.files.deleteQuietly(old.fileId());
                }
                return new Objects.PutResult(etag, checksum, size, engine.clock.millis());
            } catch (RuntimeException e) {
                engine.files.deleteQuietly(fileId);
                throw e;
            }
        } finally {
            u.lock.unlock();
        }
    }

    static String multipartEtag(List<Part> parts) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (Part p : parts) {
                md5.update(HexFormat.of().parseHex(p.etag()));
            }
            return HexFormat.of().formatHex(md5.digest()) + "-" + parts.size();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The completed object's checksum: COMPOSITE = the algorithm over the concatenated binary part checksums,
     * {@code -N} appended; FULL_OBJECT (and the CRC64NVME S3 adds when the upload named none) = over the whole object,
     * read once more from its file.
     */
    private ObjectChecksum checksum(Upload u, List<Part> parts, String fileId, long size) {
        ChecksumAlgorithm algorithm = u.checksumAlgorithm;
        if (algorithm != null && u.checksumType == ObjectChecksum.Type.COMPOSITE
                && parts.stream().allMatch(p -> p.checksum() != null)) {
            ChecksumAlgorithm.Running running = algorithm.start();
            for (Part p : parts) {
                byte[] raw = Base64.getDecoder().decode(p.checksum());
                running.update(raw, 0, raw.length);
            }
            return new ObjectChecksum(algorithm, running.base64() + "-" + parts.size(),
                    ObjectChecksum.Type.COMPOSITE);
        }
        ChecksumAlgorithm whole = algorithm != null && algorithm.isCrc() ? algorithm : ChecksumAlgorithm.CRC64NVME;
        try {
            ObjectFiles.Digests d = engine.files.digest(fileId, 0, size, EnumSet.of(whole));
            return new ObjectChecksum(whole, d.result(fileId).checksums().get(whole), ObjectChecksum.Type.FULL_OBJECT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Aborts an upload: its records go, then its part files. */
    public void abort(String bucketName, String key, String uploadId) {
        Upload u = upload(bucketName, key, uploadId);
        u.lock.lock();
        try {
            if (u.finished) {
                throw S3Errors.noSuchUpload(uploadId);
            }
            engine.commit(new WriteBatch().delete(engine.layout.uploads, S3StoreLayout.utf8(uploadId))
                    .deleteRange(engine.layout.parts, S3StoreLayout.uploadPrefix(uploadId),
                            S3StoreLayout.uploadEnd(uploadId)));
            u.finished = true;
            engine.uploads.remove(uploadId);
        } finally {
            u.lock.unlock();
        }
        u.parts.values().forEach(p -> engine.files.deleteQuietly(p.fileId()));
    }

    /** One page of an upload's parts, after {@code marker}. */
    public record PartsPage(Upload upload, List<Part> parts, boolean truncated, int nextMarker) {
    }

    public PartsPage listParts(String bucketName, String key, String uploadId, Integer maxParts, Integer marker) {
        Upload u = upload(bucketName, key, uploadId);
        int limit = maxParts == null ? 1000 : Math.min(Math.max(maxParts, 0), 1000);
        List<Part> page = new ArrayList<>();
        boolean truncated = false;
        for (Part p : u.parts.tailMap(marker == null ? 0 : marker, false).values()) {
            if (page.size() >= limit) {
                truncated = true;
                break;
            }
            page.add(p);
        }
        int next = page.isEmpty() ? 0 : page.get(page.size() - 1).number();
        return new PartsPage(u, page, truncated, next);
    }

    /** One page of a bucket's uploads in progress, by key then initiation time, with delimiter roll-up. */
    public record UploadsPage(List<Upload> uploads, List<String> commonPrefixes, boolean truncated,
                              String nextKeyMarker, String nextUploadIdMarker) {
    }

    public UploadsPage listUploads(String bucketName, String prefix, String delimiter, String keyMarker,
                                   String uploadIdMarker, Integer maxUploads) {
        engine.bucket(bucketName);
        int limit = maxUploads == null ? 1000 : Math.min(Math.max(maxUploads, 0), 1000);
        String p = prefix == null ? "" : prefix;
        List<Upload> all = engine.uploads.values().stream()
                .filter(u -> u.bucket.equals(bucketName) && u.key.startsWith(p) && !u.finished)
                .sorted(Comparator.<Upload, String>comparing(u -> u.key, Bucket.KEY_ORDER)
                        .thenComparingLong(u -> u.initiated).thenComparing(u -> u.uploadId))
                .toList();
        List<Upload> page = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        boolean truncated = false;
        boolean passedMarker = keyMarker == null || keyMarker.isEmpty();
        String lastKey = null;
        String lastId = null;
        for (Upload u : all) {
            if (!passedMarker) {
                int c = Bucket.KEY_ORDER.compare(u.key, keyMarker);
                boolean after = c > 0 || (c == 0 && uploadIdMarker != null && !uploadIdMarker.isEmpty()
                        && u.uploadId.compareTo(uploadIdMarker) > 0 && !u.uploadId.equals(uploadIdMarker));
                if (!after) {
                    continue;
                }
                passedMarker = true;
            }
            String common = null;
            if (delimiter != null && !delimiter.isEmpty()) {
                int at = u.key.indexOf(delimiter, p.length());
                if (at >= 0) {
                    common = u.key.substring(0, at + delimiter.length());
                }
            }
            if (common != null && prefixes.contains(common)) {
                continue;
            }
            if (page.size() + prefixes.size() >= limit) {
                truncated = true;
                break;
            }
            if (common != null) {
                prefixes.add(common);
                lastKey = common;
                lastId = null;
            } else {
                page.add(u);
                lastKey = u.key;
                lastId = u.uploadId;
            }
        }
        return new UploadsPage(page, prefixes, truncated, truncated ? lastKey : null, truncated ? lastId : null);
    }
}
