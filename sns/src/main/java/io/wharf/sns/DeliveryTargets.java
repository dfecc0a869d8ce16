package io.wharf.sns;

import java.net.URI;
import java.util.Objects;

/**
 * Where SNS may send HTTP/S POSTs and mail: the gate against server-side request forgery. Anyone who can call
 * Subscribe chooses a URL the server will POST to, so the server decides which URLs it will connect to.
 *
 * <p>SNS asks twice. At <b>Subscribe</b> (http, https, email, email-json), where a {@link Verdict.Kind#DENIED}
 * endpoint is refused with AWS's {@code InvalidParameter} "Invalid parameter: Unreachable Endpoint". And before
 * <b>every delivery attempt</b>, because DNS answers change and rules change between restarts: only an
 * {@link Verdict.Kind#ALLOWED} answer lets the attempt connect; {@code DENIED} fails the delivery for good (the
 * subscription's dead-letter queue gets it, as for an endpoint's 4xx); {@code UNRESOLVED} counts as an
 * unreachable endpoint and is retried by the delivery policy.
 *
 * <p>Implementations resolve host names themselves (an address can only be judged once it is known) and must be
 * safe to call from many threads. The server's implementation is {@code io.wharf.server.outbound.OutboundRules}.
 */
public interface DeliveryTargets {

    /** Lets everything through: for tests and embedders that need no gate. */
    DeliveryTargets ALLOW_ALL = new DeliveryTargets() {
        @Override
        public Verdict check(URI endpoint) {
            return Verdict.ALLOWED;
        }

        @Override
        public Verdict checkEmail(String address) {
            return Verdict.ALLOWED;
        }

        @Override
        public String toString() {
            return "ALLOW_ALL";
        }
    };

    /**
     * Whether an HTTP/S endpoint may be connected to. The URI never carries user info (SNS removes it first),
     * so a verdict's reason cannot leak a password.
     */
    Verdict check(URI endpoint);

    /** Whether mail may be sent to this address ({@code local@domain}); judged by its domain. */
    Verdict checkEmail(String address);

    /**
     * One answer. {@code reason} says why in words fit for a log line (no secrets): which host or address, which
     * rule; empty for {@link #ALLOWED}.
     */
    record Verdict(Kind kind, String reason) {
        public static final Verdict ALLOWED = new Verdict(Kind.ALLOWED, "");

        public enum Kind {
            ALLOWED,
            DENIED,
            /** The host name did not resolve: nothing to judge yet (Subscribe accepts; a delivery retries). */
            UNRESOLVED
        }

        public Verdict {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
        }

        public static Verdict denied(String reason) {
            return new Verdict(Kind.DENIED, reason);
        }

        public static Verdict unresolved(String reason) {
            return new Verdict(Kind.UNRESOLVED, reason);
        }

        public boolean allowed() {
            return kind == Kind.ALLOWED;
        }

        public boolean denied() {
            return kind == Kind.DENIED;
        }
    }
}
