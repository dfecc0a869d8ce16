package io.wharf.firehose;

/**
 * A delivery attempt that did not succeed: the object was not written, the endpoint refused or did not answer. The
 * records stay buffered and are retried. {@code errorCode} is what Firehose's error records and logs call it
 * ({@code S3.AccessDenied}, {@code HttpEndpoint.DestinationException}, …).
 */
public final class DeliveryFailure extends Exception {
    private final String errorCode;

    public DeliveryFailure(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public DeliveryFailure(String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }
}
