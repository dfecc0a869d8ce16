/**
 * The SQS scenarios, all through the AWS SDK for Java v2 async client on Netty: {@code sqs-send}
 * (batches in), {@code sqs-roundtrip} (producers and consumers end to end) and {@code sqs-single} (one
 * caller, one message at a time).
 */
package io.wharf.bench.sqs;
