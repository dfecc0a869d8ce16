package io.wharf.protocol;

/**
 * How much structure one request may carry before Wharf stops reading it. Each cap sits far above what any real
 * call of the models can send (docs/compatibility.md, "Input limits", derives them), so only hostile or broken
 * clients reach it; reading stops at the cap, so the work a refused body costs is bounded by the cap, not by the
 * body. The body's byte size is bounded before any of this, by {@code --max-request-bytes}.
 */
public final class InputLimits {
    /**
     * Parameters in one Query request (form body; the query string is bounded by the HTTP layer). The largest real
     * calls: SQS SendMessageBatch (10 entries, each up to 10 message attributes) and SNS PublishBatch, under a
     * thousand parameters.
     */
    public static final int MAX_FORM_PARAMETERS = 10_000;

    /**
     * Tokens (names, values, starts and ends of objects and arrays) in one JSON or CBOR document. The largest real
     * calls: Kinesis PutRecords with 500 records (about 4,000 tokens), SQS SendMessageBatch with every attribute.
     */
    public static final int MAX_JSON_TOKENS = 100_000;

    private InputLimits() {
    }
}
