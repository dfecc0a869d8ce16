package io.wharf.kinesis.engine;

/** A consumer as the operations show it. */
public record ConsumerView(String name, String arn, String status, long createdMillis, String streamArn) {
}
