package io.wharf.console;

import io.wharf.protocol.auth.Principal;

/**
 * Who a console request acts as and from where: the session's principal, the account and region the page shows,
 * and what the policy conditions {@code aws:SourceIp} and {@code aws:SecureTransport} see.
 */
record Caller(Principal principal, String account, String region, String sourceIp, boolean secure) {

    /** The query string that keeps the account and region on every link. */
    String scope() {
        return "account=" + Forms.encode(account) + "&region=" + Forms.encode(region);
    }
}
