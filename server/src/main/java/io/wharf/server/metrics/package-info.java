/**
 * Prometheus metrics at {@code /_wharf/metrics} (docs/operations.md "Metrics"), through Micrometer's Prometheus
 * registry: {@link io.wharf.server.metrics.RequestMetrics} counts and times every answered AWS call from the
 * gateway's {@link io.wharf.protocol.RequestLog}; {@link io.wharf.server.metrics.ResourceMetrics} polls the engines'
 * plain statistics at scrape time, each kind of resource capped by a {@link io.wharf.server.metrics.CardinalityGuard};
 * {@link io.wharf.server.metrics.WharfMetrics} holds the registry, the JVM and process binders, and scrapes.
 * Micrometer is seen only here: the service modules expose read-only statistics without it. Metrics are process-local
 * (nothing is stored; a restart starts them from zero).
 */
package io.wharf.server.metrics;
