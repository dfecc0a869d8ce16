package io.wharf.s3.engine;

import java.util.List;
import java.util.Map;

/**
 * An object as the engine keeps it: its metadata in memory and the store, its bytes in the file {@code fileId} of the
 * object directory. Immutable; a PUT makes a new one with a new file.
 *
 * @param etag          the hex MD5 of the bytes, or {@code md5-of-part-md5s-N} for a completed multipart upload
 *                      (without quotes)
 * @param lastModified  epoch milliseconds
 * @param checksum      the additional checksum, or null
 * @param partsCount    the number of parts of a multipart object, 0 otherwise
 * @param sequencer     the engine's counter at the write: orders events and writes of a key
 * @param partSizes     the sizes of a multipart object's parts in order (GET with partNumber), empty otherwise
 */
public record StoredObject(String bucket, String key, String fileId, long size, String etag, long lastModified,
                           ContentHeaders headers, Map<String, String> metadata, Map<String, String> tags,
                           ObjectChecksum checksum, int partsCount, long sequencer, List<Long> partSizes) {
    public StoredObject {
        partSizes = partSizes == null ? List.of() : List.copyOf(partSizes);
    }

    /** The ETag as S3 sends it, in double quotes. */
    public String quotedEtag() {
        return '"' + etag + '"';
    }

    StoredObject withTags(Map<String, String> newTags) {
        return new StoredObject(bucket, key, fileId, size, etag, lastModified, headers, metadata, newTags, checksum,
                partsCount, sequencer, partSizes);
    }
}
