package io.wharf.sqs.operations;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.Input;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.auth.AccessCheck;
import io.wharf.sqs.engine.QueueId;
import io.wharf.sqs.engine.SqsEngine;

import java.util.List;
import java.util.Map;

/**
 * What each SQS action needs permission for, as AWS's authorization reference for SQS lists it: the action is
 * {@code sqs:<Action>}, except that the batch actions need their single twin ({@code SendMessageBatch} needs
 * {@code sqs:SendMessage}); the resource is the queue's ARN, the new queue's for CreateQueue, the source queue's for
 * message move tasks, and {@code arn:aws:sqs:<region>:<account>:*} for ListQueues. Tags sent with CreateQueue and
 * TagQueue are {@code aws:RequestTag/…} and {@code aws:TagKeys}.
 */
public final class SqsAccess {
    private SqsAccess() {
    }

    public static List<AccessCheck> checks(String operation, Input input, RequestContext ctx) {
        String action = "sqs:" + switch (operation) {
            case "SendMessageBatch" -> "SendMessage";
            case "DeleteMessageBatch" -> "DeleteMessage";
            case "ChangeMessageVisibilityBatch" -> "ChangeMessageVisibility";
            default -> operation;
        };
        return switch (operation) {
            case "ListQueues" -> List.of(AccessCheck.of(action,
                    "arn:aws:sqs:" + ctx.region() + ":" + ctx.accountId() + ":*", ctx.accountId()));
            case "CreateQueue" -> List.of(on(action, new QueueId(ctx.accountId(), ctx.region(),
                    input.string("QueueName"))).withContext(AccessCheck.requestTags(input.stringMap("tags"))));
            case "GetQueueUrl" -> List.of(on(action, new QueueId(
                    input.has("QueueOwnerAWSAccountId") ? input.string("QueueOwnerAWSAccountId") : ctx.accountId(),
                    ctx.region(), input.string("QueueName"))));
            case "StartMessageMoveTask", "ListMessageMoveTasks" -> bySourceArn(action, input.string("SourceArn"));
            case "CancelMessageMoveTask" -> bySourceArn(action, SqsEngine.moveTaskSource(input.string("TaskHandle")));
            case "TagQueue" -> List.of(onQueue(action, ctx, input).withContext(AccessCheck.requestTags(input.stringMap("Tags"))));
            case "UntagQueue" -> List.of(onQueue(action, ctx, input)
                    .withContext(Map.of("aws:TagKeys", input.strings("TagKeys"))));
            default -> List.of(onQueue(action, ctx, input));
        };
    }

    private static AccessCheck onQueue(String action, RequestContext ctx, Input input) {
        QueueId queue;
        try {
            queue = Wire.queue(ctx, input);
        } catch (AwsException e) {
            // Not a queue URL at all: the operation itself answers that (NonExistentQueue); any resource of the
            // caller's own account stands in, so the caller learns nothing about other accounts.
            queue = new QueueId(ctx.accountId(), ctx.region(), "*");
        }
        return on(action, queue);
    }

    private static AccessCheck on(String action, QueueId queue) {
        return AccessCheck.of(action, queue.arn(), queue.accountId());
    }

    private static List<AccessCheck> bySourceArn(String action, String arn) {
        QueueId queue = QueueId.fromArn(arn);
        return List.of(queue == null ? AccessCheck.anyResource(action) : on(action, queue));
    }
}
