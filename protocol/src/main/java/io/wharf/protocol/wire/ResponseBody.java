package io.wharf.protocol.wire;

/**
 * A streaming response payload (an S3 object's bytes): an operation puts one as a POJO node into its output's
 * streaming-blob payload member, and the protocol layer answers with {@code Content-Length: length} and lets
 * {@code content} write exactly that many bytes, piece by piece, on the request's thread. A HEAD request gets the
 * length and no body.
 *
 * @param length  the exact number of bytes {@code content} writes
 * @param content writes them
 */
public record ResponseBody(long length, WireResponse.Stream content) {
}
