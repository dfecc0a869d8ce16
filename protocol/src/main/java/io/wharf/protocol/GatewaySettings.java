package io.wharf.protocol;

/**
 * Server-wide settings the protocol layer needs.
 *
 * @param accountId     the account every request acts as (12 digits)
 * @param region        the region used when a request's credential scope names none
 * @param urlHost       host[:port] to put in resource URLs (queue URLs); null = the request's Host header
 */
public record GatewaySettings(String accountId, String region, String urlHost) {
}
