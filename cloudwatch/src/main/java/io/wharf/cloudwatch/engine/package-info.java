/**
 * CloudWatch's metric store: per-metric time buckets of aggregates ({@link io.wharf.cloudwatch.engine.MetricsEngine}),
 * PutMetricData's rules ({@code PutValidation}), the bounds ({@link io.wharf.cloudwatch.engine.CloudWatchLimits}) and
 * the on-disk format ({@link io.wharf.cloudwatch.engine.CloudWatchStoreLayout}).
 */
package io.wharf.cloudwatch.engine;
