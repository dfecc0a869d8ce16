/**
 * Amazon CloudWatch ({@code monitoring}): metric data accepted over all three of the service's protocols
 * (Smithy RPC v2 CBOR, JSON 1.0 and Query) and stored; alarms, metric math and the services' own metrics come with
 * the observability work.
 */
package io.wharf.cloudwatch;
