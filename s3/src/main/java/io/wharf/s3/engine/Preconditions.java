package io.wharf.s3.engine;

import io.wharf.s3.S3Errors;

/**
 * The conditional headers of a read (GET/HEAD) or of a copy's source, evaluated as S3 does (RFC 7232's order): a true
 * If-Match makes If-Unmodified-Since irrelevant, a present If-None-Match makes If-Modified-Since irrelevant; times
 * compare at second precision (Last-Modified has no milliseconds). Any may be null.
 *
 * @param ifModifiedSince   epoch milliseconds
 * @param ifUnmodifiedSince epoch milliseconds
 */
public record Preconditions(String ifMatch, String ifNoneMatch, Long ifModifiedSince, Long ifUnmodifiedSince) {
    public static final Preconditions NONE = new Preconditions(null, null, null, null);

    /** For GET and HEAD: 412 PreconditionFailed for If-Match/If-Unmodified-Since, 304 for the other two. */
    void checkRead(StoredObject o) {
        check(o, false, "");
    }

    /** For a copy's source ({@code x-amz-copy-source-if-*}): every failure is 412. */
    void checkCopySource(StoredObject o) {
        check(o, true, "x-amz-copy-source-");
    }

    private void check(StoredObject o, boolean copy, String prefix) {
        long modifiedSeconds = o.lastModified() / 1000;
        if (ifMatch != null) {
            if (!etagMatches(ifMatch, o.etag())) {
                throw S3Errors.preconditionFailed(copy ? prefix + "If-Match" : "If-Match");
            }
        } else if (ifUnmodifiedSince != null && modifiedSeconds > ifUnmodifiedSince / 1000) {
            throw S3Errors.preconditionFailed(copy ? prefix + "If-Unmodified-Since" : "If-Unmodified-Since");
        }
        if (ifNoneMatch != null) {
            if (etagMatches(ifNoneMatch, o.etag())) {
                throw copy ? S3Errors.preconditionFailed(prefix + "If-None-Match") : S3Errors.NOT_MODIFIED.error();
            }
        } else if (ifModifiedSince != null && modifiedSeconds <= ifModifiedSince / 1000) {
            throw copy ? S3Errors.preconditionFailed(prefix + "If-Modified-Since") : S3Errors.NOT_MODIFIED.error();
        }
    }

    /** Whether a header's list of entity tags ({@code "a", "b"} or {@code *}) names {@code etag}. */
    static boolean etagMatches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*")) {
                return true;
            }
            if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
                c = c.substring(1, c.length() - 1);
            }
            if (c.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
