/**
 * Amazon SQS for Wharf: {@link io.wharf.sqs.SqsService} wires the engine ({@code engine}) to one thin
 * operation per action ({@code operations}); {@link io.wharf.sqs.SqsErrors} is the single error table.
 */
package io.wharf.sqs;
