/**
 * The services' own metrics published into CloudWatch as AWS names them ({@code AWS/SQS}, {@code AWS/SNS},
 * {@code AWS/Kinesis}, {@code AWS/Firehose}; docs/operations.md "CloudWatch and alarms"):
 * {@link io.wharf.server.awsmetrics.AwsMetricsPublisher} reads the engines' plain statistics each interval through one
 * {@link io.wharf.server.awsmetrics.MetricSource} per service and writes the datapoints into the CloudWatch engine, so
 * ListMetrics, GetMetricStatistics, GetMetricData and alarms see them. The engines know nothing of CloudWatch; the
 * server wires them together.
 */
package io.wharf.server.awsmetrics;
