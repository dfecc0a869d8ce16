/**
 * Amazon S3 over the rest-xml protocol: {@link io.wharf.s3.S3Service} (the model's operations Wharf implements),
 * {@link io.wharf.s3.S3Errors} (the error table), {@link io.wharf.s3.EventTargets} (how event notifications reach
 * SQS and SNS; the server implements it), the engine in {@code engine/}, one class per action in {@code operations/}.
 */
package io.wharf.s3;
