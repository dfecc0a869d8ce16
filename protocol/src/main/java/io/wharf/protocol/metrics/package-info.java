/**
 * Plain statistics the engines keep for metrics without knowing who reads them (Prometheus in {@code server}, the
 * CloudWatch publisher): {@link io.wharf.protocol.metrics.Distribution} = values between two reads.
 */
package io.wharf.protocol.metrics;
