package io.wharf.s3.engine;

/**
 * One event notification waiting to be delivered: written in the same batch as the change it reports, deleted once
 * its destination has it (or refused it for good).
 */
record OutboxEntry(long number, NotificationRule.Destination destination, String arn, String bucketArn,
                   String subject, String message) {
}
