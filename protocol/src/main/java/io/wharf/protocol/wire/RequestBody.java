package io.wharf.protocol.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * A streaming request payload (an S3 object's bytes) as an operation receives it: the member of the decoded input
 * whose shape is a streaming blob holds one of these as a POJO node ({@link io.wharf.protocol.Input#payload}).
 * The bytes are what the client meant: an {@code aws-chunked} body is decoded (chunk signatures verified when the
 * payload was chunk-signed), its trailers collected.
 */
public interface RequestBody {
    /**
     * The decoded length in bytes when the client declared it ({@code Content-Length}, or
     * {@code x-amz-decoded-content-length} for {@code aws-chunked}), else -1.
     */
    long length();

    /**
     * The decoded bytes; once. Reading throws an {@link io.wharf.protocol.AwsException} (as an unchecked exception
     * through the stream's IOException, see {@link BodyException}) when a chunk's signature or framing is wrong, and
     * an IOException when the client went away. A chunk's bytes are handed on before its signature (which follows
     * them) is checked: what was read counts only once the stream reached its end without an exception; after one,
     * discard it.
     */
    InputStream open() throws IOException;

    /**
     * The trailing headers of an {@code aws-chunked} body (lower-case names, e.g. {@code x-amz-checksum-crc32}); only
     * complete after {@link #open()}'s stream reached its end. Empty when none.
     */
    Map<String, String> trailers();

    /**
     * The file the body was spooled to when it is exactly the payload (not aws-chunked) and nothing has read it yet, so
     * that an object store may move it instead of copying; null otherwise.
     */
    default Path file() {
        return null;
    }

    /** A failure found while reading the body, carrying the AWS error to answer. */
    final class BodyException extends IOException {
        private final io.wharf.protocol.AwsException error;

        public BodyException(io.wharf.protocol.AwsException error) {
            super(error.getMessage());
            this.error = error;
        }

        public io.wharf.protocol.AwsException error() {
            return error;
        }
    }
}
