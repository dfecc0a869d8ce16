package io.wharf.protocol;

/**
 * An AWS error as a value: what the protocol layer renders for the caller, in the caller's protocol.
 *
 * <p>{@code type} is the error's shape name (JSON {@code __type}, e.g. {@code QueueDoesNotExist});
 * {@code code} is the legacy/Query code (Query {@code <Code>}, the {@code x-amzn-query-error} header, e.g.
 * {@code AWS.SimpleQueueService.NonExistentQueue}). For most services they are the same string.
 * Services keep their error table in one place (e.g. {@code SqsErrors}) and throw these; nothing else
 * decides how an error looks on the wire.
 */
public class AwsException extends RuntimeException {
    private final String type;
    private final String code;
    private final int httpStatus;
    private final boolean senderFault;
    private String queryMessage;
    private java.util.Map<String, String> fields = java.util.Map.of();
    private java.util.Map<String, String> headers = java.util.Map.of();
    private java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> members = java.util.Map.of();

    public AwsException(String type, String code, int httpStatus, boolean senderFault, String message) {
        super(message, null, false, false);
        this.type = type;
        this.code = code;
        this.httpStatus = httpStatus;
        this.senderFault = senderFault;
    }

    /** An error whose type and code are the same string. */
    public AwsException(String code, int httpStatus, boolean senderFault, String message) {
        this(code, code, httpStatus, senderFault, message);
    }

    /** A client error (400, sender fault). */
    public static AwsException client(String code, String message) {
        return new AwsException(code, 400, true, message);
    }

    /** The internal failure every unexpected exception becomes: 500, no detail on the wire. */
    public static AwsException internal() {
        return new AwsException("InternalFailure", 500, false,
                "The request processing has failed because of an unknown error, exception or failure.");
    }

    /**
     * Sets the message the Query protocol shows when AWS words it differently there (SQS's
     * NonExistentQueue adds "for this wsdl version."). Returns this.
     */
    public AwsException withQueryMessage(String message) {
        this.queryMessage = message;
        return this;
    }

    /**
     * Adds an element the error carries after its message, in the order added (S3's {@code <Key>}, {@code <BucketName>},
     * {@code <Condition>}, {@code <ArgumentName>}/{@code <ArgumentValue>}…). Protocols whose errors have no such
     * elements (JSON, Query) ignore them. A null value is not added. Returns this.
     */
    public AwsException with(String name, String value) {
        if (value != null) {
            if (fields.isEmpty()) {
                fields = new java.util.LinkedHashMap<>();
            }
            fields.put(name, value);
        }
        return this;
    }

    /**
     * Adds a header to the error's answer (REST protocols: S3's {@code ETag} and {@code Last-Modified} on
     * 304 Not Modified). Other protocols ignore it. A null value is not added. Returns this.
     */
    public AwsException withHeader(String name, String value) {
        if (value != null) {
            if (headers.isEmpty()) {
                headers = new java.util.LinkedHashMap<>();
            }
            headers.put(name, value);
        }
        return this;
    }

    /**
     * Adds a structured member to the error's JSON body after {@code __type} and {@code message} (DynamoDB's
     * {@code Item} on ConditionalCheckFailedException, {@code CancellationReasons} on TransactionCanceledException),
     * shaped as the modelled error shape says. Other protocols ignore it. A null value is not added. Returns this.
     */
    public AwsException withMember(String name, com.fasterxml.jackson.databind.JsonNode value) {
        if (value != null) {
            if (members.isEmpty()) {
                members = new java.util.LinkedHashMap<>();
            }
            members.put(name, value);
        }
        return this;
    }

    /** The structured members added by {@link #withMember}, in order; empty when none. */
    public java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> members() {
        return java.util.Collections.unmodifiableMap(members);
    }

    /** The headers added by {@link #withHeader}, in order; empty when none. */
    public java.util.Map<String, String> headers() {
        return java.util.Collections.unmodifiableMap(headers);
    }

    /** The extra elements added by {@link #with}, in order; empty when none. */
    public java.util.Map<String, String> fields() {
        return java.util.Collections.unmodifiableMap(fields);
    }

    /** The message for Query/XML answers: the Query wording if one was set, else the message. */
    public String queryMessage() {
        return queryMessage != null ? queryMessage : getMessage();
    }

    public String type() { return type; }
    public String code() { return code; }
    public int httpStatus() { return httpStatus; }
    public boolean senderFault() { return senderFault; }

    @Override
    public String toString() {
        return type + "(" + code + ", " + httpStatus + "): " + getMessage();
    }
}
