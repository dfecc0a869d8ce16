package io.wharf.s3.engine;

/**
 * An uploaded part: its file, size, MD5 (hex, the part's ETag without quotes) and its checksum in the upload's
 * algorithm (base64), or null.
 */
public record Part(int number, String fileId, long size, String etag, long lastModified, String checksum) {
    public String quotedEtag() {
        return '"' + etag + '"';
    }
}
