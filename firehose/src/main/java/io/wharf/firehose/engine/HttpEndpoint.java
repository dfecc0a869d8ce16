package io.wharf.firehose.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.firehose.DeliveryFailure;
import io.wharf.firehose.ObjectSink;
import io.wharf.firehose.OutboundHttp;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One attempt at an HTTP endpoint delivery, by AWS's spec (research/firehose.md §11): success is a 200 whose JSON
 * body echoes the requestId; anything else (another status, a malformed or mismatched answer, no answer in 3
 * minutes) is retried — the caller's backoff — until RetryOptions.DurationInSeconds has passed since the first
 * attempt, and then the records are written to the S3 configuration as {@code http-endpoint-failed} error records.
 * A 413 is not retried.
 */
final class HttpEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private HttpEndpoint() {
    }

    static void deliver(Outputs.HttpPost post, OutboundHttp http, long now, ObjectSink sink) throws DeliveryFailure {
        if (post.firstAttemptMillis < 0) {
            post.firstAttemptMillis = now;
        }
        boolean expired = now - post.firstAttemptMillis >= post.retryMillis && post.attempts > 0;
        if (!expired) {
            post.attempts++;
            String error = attempt(post, http);
            if (error == null) {
                return;
            }
            post.lastError = error;
            if (!error.startsWith("413") && now - post.firstAttemptMillis < post.retryMillis) {
                throw new DeliveryFailure("HttpEndpoint.DestinationException", error);
            }
        }
        Outputs.S3Object fallback = post.fallback.apply(post.attempts,
                "Received the following response from the endpoint destination. " + post.lastError);
        sink.put(fallback.bucketArn(), fallback.key(), new ByteArrayInputStream(fallback.content()),
                fallback.content().length, null);
    }

    /** null on success, else what went wrong (starting with the status when there was one). */
    private static String attempt(Outputs.HttpPost post, OutboundHttp http) {
        OutboundHttp.Response response;
        try {
            response = http.post(post.url, post.headers, post.body, TIMEOUT);
        } catch (DeliveryFailure e) {
            return e.getMessage();
        }
        String body = response.body() == null ? "" : new String(response.body(), StandardCharsets.UTF_8);
        if (response.status() != 200) {
            return response.status() + ": " + abbreviate(body);
        }
        try {
            JsonNode answer = JSON.readTree(body);
            if (answer == null || !post.requestId.equals(answer.path("requestId").asText())) {
                return "200: the response's requestId does not match the request's: " + abbreviate(body);
            }
            return null;
        } catch (java.io.IOException e) {
            return "200: the response is not JSON: " + abbreviate(body);
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 1000 ? body : body.substring(0, 1000) + "…";
    }
}
