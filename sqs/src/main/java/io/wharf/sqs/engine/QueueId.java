package io.wharf.sqs.engine;

/** A queue's identity: SQS names are unique per account and region. */
public record QueueId(String accountId, String region, String name) {

    public boolean isFifo() {
        return name.endsWith(".fifo");
    }

    public String arn() {
        return "arn:aws:sqs:" + region + ":" + accountId + ":" + name;
    }

    /** The queue named by an SQS ARN ({@code arn:aws:sqs:region:account:name}), or null if it is not one. */
    public static QueueId fromArn(String arn) {
        if (arn == null) {
            return null;
        }
        String[] parts = arn.split(":", -1);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("sqs")
                || parts[3].isEmpty() || parts[4].isEmpty() || parts[5].isEmpty()) {
            return null;
        }
        return new QueueId(parts[4], parts[3], parts[5]);
    }
}
