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
 * @param tlsUrlHost     host[:port] to put in the URLs of requests that came over TLS (their scheme is https); null =
 *                       the request's Host header, as for {@code urlHost}
 * @param publicUrl      {@code scheme://host[:port]} that every minted URL starts with whatever listener a request came
 *                       in on (a proxy in front of Wharf); null = by listener, from {@code urlHost}/{@code tlsUrlHost}
 */
public record GatewaySettings(String accountId, String region, String urlHost, RequestAuthenticator authenticator,
                              AccessControl accessControl, AuditSink audit, Clock clock, String tlsUrlHost,
                              String publicUrl) {

    public GatewaySettings {
        if (publicUrl != null && !publicUrl.matches("https?://[^/?#\\s]+")) {
            throw new IllegalArgumentException("publicUrl must be scheme://host[:port], not " + publicUrl);
        }
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

    /** URLs by the plain listener's {@code urlHost} only (requests over TLS: their Host header). */
    public GatewaySettings(String accountId, String region, String urlHost, RequestAuthenticator authenticator,
                           AccessControl accessControl, AuditSink audit, Clock clock) {
        this(accountId, region, urlHost, authenticator, accessControl, audit, clock, null, null);
    }

    /** Authentication off, nothing audited: today's tests and embedders. */
    public GatewaySettings(String accountId, String region, String urlHost) {
        this(accountId, region, urlHost, null, null, null, null, null, null);
    }
}
