package io.wharf.protocol;

import io.wharf.protocol.auth.AccessControl;
import io.wharf.protocol.auth.AuditSink;
import io.wharf.protocol.auth.RequestAuthenticator;

import java.time.Clock;

/**
 * Server-wide settings the protocol layer needs.
 *
 * @param accountId      the account requests act as when nothing else says (12 digits)
 * @param region         the region used when a request's credential scope names none
 * @param urlHost        host[:port] to put in resource URLs (queue URLs, SNS's SubscribeURL); null = the request's
 *                       Host header, which only a server with authentication off trusts
 * @param authenticator  who a request acts as (and whether its signature is checked)
 * @param accessControl  whether a principal may do what it asks (policy evaluation; allow-all unless enforcing)
 * @param audit          where each call is reported
 * @param clock          the time of {@code aws:CurrentTime} and of audit records
 */
public record GatewaySettings(String accountId, String region, String urlHost, RequestAuthenticator authenticator,
                              AccessControl accessControl, AuditSink audit, Clock clock) {

    public GatewaySettings {
        if (authenticator == null) {
            authenticator = RequestAuthenticator.off(accountId, region);
        }
        if (accessControl == null) {
            accessControl = AccessControl.ALLOW_ALL;
        }
        if (audit == null) {
            audit = AuditSink.NONE;
        }
        if (clock == null) {
            clock = Clock.systemUTC();
        }
    }

    /** Authentication off, nothing audited: today's tests and embedders. */
    public GatewaySettings(String accountId, String region, String urlHost) {
        this(accountId, region, urlHost, null, null, null, null);
    }
}
