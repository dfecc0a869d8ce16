package io.wharf.s3.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A multipart upload in progress: what CreateMultipartUpload said about the object to be, and the parts so far. Parts
 * change under {@link #lock}; Complete and Abort hold it to the end, so a part never lands in a finished upload.
 */
public final class Upload {
    final String uploadId;
    final String bucket;
    final String key;
    final long initiated;
    final ContentHeaders headers;
    final Map<String, String> metadata;
    final Map<String, String> tags;
    final ChecksumAlgorithm checksumAlgorithm;
    final ObjectChecksum.Type checksumType;
    /** The engine's sequencer when the upload began: a later write of the key conflicts with a conditional Complete. */
    final long sequencerAtStart;
    final String owner;
    final ConcurrentSkipListMap<Integer, Part> parts = new ConcurrentSkipListMap<>();
    final ReentrantLock lock = new ReentrantLock();
    boolean finished;

    Upload(String uploadId, String bucket, String key, long initiated, ContentHeaders headers,
           Map<String, String> metadata, Map<String, String> tags, ChecksumAlgorithm checksumAlgorithm,
           ObjectChecksum.Type checksumType, long sequencerAtStart, String owner) {
        this.uploadId = uploadId;
        this.bucket = bucket;
        this.key = key;
        this.initiated = initiated;
        this.headers = headers;
        this.metadata = metadata;
        this.tags = tags;
        this.checksumAlgorithm = checksumAlgorithm;
        this.checksumType = checksumType;
        this.sequencerAtStart = sequencerAtStart;
        this.owner = owner;
    }

    public String uploadId() { return uploadId; }
    public String bucket() { return bucket; }
    public String key() { return key; }
    public long initiated() { return initiated; }
    public ChecksumAlgorithm checksumAlgorithm() { return checksumAlgorithm; }
    public ObjectChecksum.Type checksumType() { return checksumType; }
    public String owner() { return owner; }
}
