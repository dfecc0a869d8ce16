package io.wharf.sqs.engine;

/** A message move task as ListMessageMoveTasks shows it; the handle is null unless the task is RUNNING. */
public record MoveTaskView(String taskHandle, String status, String sourceArn, String destinationArn,
                           Integer maxNumberOfMessagesPerSecond, long approximateNumberOfMessagesMoved,
                           Long approximateNumberOfMessagesToMove, String failureReason, long startedTimestamp) {
}
