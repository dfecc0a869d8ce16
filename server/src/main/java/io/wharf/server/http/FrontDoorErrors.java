package io.wharf.server.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Every answer the front door makes itself (before or around the gateway), in the one table: a refusal is worded for
 * the kind of request it answers. JSON and Query calls (an {@code X-Amz-Target}, a JSON/CBOR/form body, an
 * {@code Action=} parameter) get the AWS-shaped JSON error every SDK can show; anything else — S3's REST-XML calls,
 * object uploads — gets S3's {@code <Error><Code/><Message/><RequestId/></Error>} with S3's code and status.
 */
final class FrontDoorErrors {
    /** Which shape a request's refusals take. */
    enum Shape { JSON, XML }

    private FrontDoorErrors() {
    }

    /** The shape for a request (its headers may be partial when it was malformed). */
    static Shape shapeOf(HttpRequest request) {
        return jsonOrQuery(request.headers(), request.uri()) ? Shape.JSON : Shape.XML;
    }

    /** The shape for a request the gateway has. */
    static Shape shapeOf(WireRequest request) {
        return jsonOrQuery(request::header, request.origin().rawQuery()) ? Shape.JSON : Shape.XML;
    }

    /** Whether a request is an AWS JSON (1.0/1.1, CBOR) or Query call, by what the SDKs always send with those. */
    static boolean jsonOrQuery(HttpHeaders headers, String uri) {
        int question = uri == null ? -1 : uri.indexOf('?');
        return jsonOrQuery(headers::get, question < 0 ? "" : uri.substring(question + 1));
    }

    private static boolean jsonOrQuery(Function<String, String> header, String rawQuery) {
        if (header.apply("x-amz-target") != null) {
            return true;
        }
        String type = header.apply("content-type");
        if (type != null) {
            String lower = type.toLowerCase(Locale.ROOT);
            if (lower.startsWith("application/x-amz-json") || lower.startsWith("application/x-amz-cbor")
                    || lower.startsWith("application/cbor") || lower.startsWith("application/json")
                    || lower.startsWith("application/x-www-form-urlencoded")) {
                return !signedForS3(header.apply("authorization"), rawQuery); // objects come in any content type
            }
        }
        return rawQuery.startsWith("Action=") || rawQuery.contains("&Action=");
    }

    /** Whether the SigV4 credential scope (header or presigned URL) names the {@code s3} service. */
    private static boolean signedForS3(String authorization, String rawQuery) {
        return (authorization != null && authorization.contains("/s3/aws4_request"))
                || rawQuery.contains("%2Fs3%2Faws4_request") || rawQuery.contains("/s3/aws4_request");
    }

    /** The body is larger than the largest request held in memory. */
    static WireResponse tooLarge(Shape shape, long maxRequestBytes) {
        return shape == Shape.JSON
                ? jsonError(413, "RequestEntityTooLarge",
                "Request body is larger than the server accepts (" + maxRequestBytes + " bytes)")
                : xmlError(400, "MaxMessageLengthExceeded", "Your request was too big.");
    }

    /** An upload larger than S3 takes in one PUT ({@link BodySpool#MAX_OBJECT_BYTES}). */
    static WireResponse objectTooLarge() {
        return xmlError(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size");
    }

    /** The in-memory body budget is spent. */
    static WireResponse bodyBudgetSpent(Shape shape, long capacity) {
        return shape == Shape.JSON
                ? jsonError(503, "ServiceUnavailable", "The server is receiving too many request bodies at once ("
                + capacity + " bytes in flight); retry later")
                : xmlError(503, "SlowDown", "Please reduce your request rate.");
    }

    /** The spool's file system would drop under its free-space margin. */
    static WireResponse diskFull() {
        return xmlError(503, "SlowDown", "Please reduce your request rate. (The server is short of disk space for "
                + "request bodies.)");
    }

    /** Writing a spooled body failed (an I/O error other than running out of space). */
    static WireResponse spoolFailed() {
        return xmlError(500, "InternalError", "We encountered an internal error. Please try again.");
    }

    static WireResponse malformed(Shape shape, String message) {
        return shape == Shape.JSON ? jsonError(400, "BadRequest", message) : xmlError(400, "InvalidRequest", message);
    }

    /** The gateway failed unexpectedly ({@code id} names the logged cause). */
    static WireResponse internalFailure(Shape shape, String id) {
        return shape == Shape.JSON
                ? jsonError(500, "InternalFailure", "The request processing has failed because of an unknown error, "
                + "exception or failure. (Wharf failure id " + id + ", see the server log)")
                : xmlError(500, "InternalError", "We encountered an internal error. Please try again. (Wharf failure id "
                + id + ", see the server log)");
    }

    static WireResponse shuttingDown(Shape shape) {
        return shape == Shape.JSON ? jsonError(503, "ServiceUnavailable", "Server is shutting down")
                : xmlError(503, "ServiceUnavailable", "Server is shutting down");
    }

    static WireResponse jsonError(int status, String type, String message) {
        return WireMessages.jsonError(status, type, message);
    }

    /** S3's error document, with a fresh request id in the body and in {@code x-amz-request-id}. */
    static WireResponse xmlError(int status, String code, String message) {
        String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + xmlEscape(message) + "</Message><RequestId>" + requestId + "</RequestId></Error>";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/xml");
        headers.put("x-amz-request-id", requestId);
        return new WireResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String xmlEscape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
