package io.wharf.sns.filter;

/** A policy AWS would refuse; the message is AWS's text without the "Invalid parameter: FilterPolicy: " prefix. */
public final class InvalidFilterPolicyException extends RuntimeException {
    public InvalidFilterPolicyException(String message) {
        super(message, null, false, false);
    }
}
