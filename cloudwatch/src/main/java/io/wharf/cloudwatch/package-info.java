/**
 * Amazon CloudWatch ({@code monitoring}): metric data accepted over all three of the service's protocols
 * (Smithy RPC v2 CBOR, JSON 1.0 and Query) and stored, read back by GetMetricStatistics and GetMetricData (with metric
 * math), and watched by metric alarms that notify SNS topics ({@code alarms}).
 */
package io.wharf.cloudwatch;
