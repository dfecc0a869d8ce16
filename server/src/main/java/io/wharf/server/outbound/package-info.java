/**
 * Outbound safety: which endpoints the server may connect to on a caller's behalf. {@link
 * io.wharf.server.outbound.OutboundRules} is SNS's delivery gate ({@code --delivery-allow}, {@code --delivery-deny}
 * over defaults that keep deliveries away from cloud metadata services, link-local addresses and, unless the
 * server only listens on loopback, from loopback and private networks).
 */
package io.wharf.server.outbound;
