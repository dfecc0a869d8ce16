package io.wharf.protocol.auth;

/** Where the gateway reports every API call. Must not block for long: it is called on the request's thread. */
@FunctionalInterface
public interface AuditSink {
    void record(AuditEvent event);

    AuditSink NONE = event -> {
    };
}
