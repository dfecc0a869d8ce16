package io.wharf.s3;

/**
 * Where S3 event notifications go: the server implements this over the SQS and SNS engines (a service module never
 * sees another). A call returns once the message is durable at its destination. Delivery runs as the service principal
 * {@code s3.amazonaws.com} with {@code aws:SourceArn} = the bucket's ARN.
 */
public interface EventTargets {
    /** Sends {@code message} to the queue. @throws DeliveryException when it was not delivered */
    void toQueue(String queueArn, String bucketArn, String message);

    /** Publishes {@code message} to the topic. @throws DeliveryException when it was not delivered */
    void toTopic(String topicArn, String bucketArn, String subject, String message);

    /** Nothing is delivered (tests, or a server without SQS/SNS): every attempt fails permanently. */
    EventTargets NONE = new EventTargets() {
        @Override
        public void toQueue(String queueArn, String bucketArn, String message) {
            throw new DeliveryException("no event targets", true);
        }

        @Override
        public void toTopic(String topicArn, String bucketArn, String subject, String message) {
            throw new DeliveryException("no event targets", true);
        }
    };

    /**
     * A delivery that did not happen: {@code permanent} when retrying cannot help (the destination does not exist or
     * refuses S3), else the outbox tries again later.
     */
    final class DeliveryException extends RuntimeException {
        private final boolean permanent;

        public DeliveryException(String message, boolean permanent) {
            super(message);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }
    }
}
