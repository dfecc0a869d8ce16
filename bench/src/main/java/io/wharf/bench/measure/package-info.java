/**
 * What a run measures and how it is written down: the measured {@link io.wharf.bench.measure.Window}
 * (warm-up, then a fixed duration), latencies in HdrHistograms, process CPU from {@code /proc}, and the
 * {@link io.wharf.bench.measure.Result} with its JSON line and human summary.
 */
package io.wharf.bench.measure;
