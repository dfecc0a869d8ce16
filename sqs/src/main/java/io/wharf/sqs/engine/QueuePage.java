package io.wharf.sqs.engine;

import java.util.List;

/** A page of queues (ListQueues, ListDeadLetterSourceQueues); nextToken is null on the last page. */
public record QueuePage(List<QueueId> queues, String nextToken) {
}
