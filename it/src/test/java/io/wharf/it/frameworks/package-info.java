/**
 * The SQS frameworks our users run, unmodified and with their default settings, against an ephemeral Wharf: the
 * Amazon SQS Java Messaging Library (JMS), Spring Cloud AWS SQS and Apache Camel's aws2-sqs component. Only the
 * endpoint (and the region and credentials a user's environment gives) is set.
 */
package io.wharf.it.frameworks;
