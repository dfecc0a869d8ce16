/**
 * Amazon SNS: {@link io.wharf.sns.SnsService} wires the engine ({@code engine}), the filter-policy language
 * ({@code filter}) and one operation per action ({@code operations}); {@link io.wharf.sns.SnsErrors} is the
 * whole error table; {@link io.wharf.sns.SqsDelivery} is how fan-out reaches SQS without depending on it.
 */
package io.wharf.sns;
