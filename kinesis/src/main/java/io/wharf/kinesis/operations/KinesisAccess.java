package io.wharf.kinesis.operations;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.Input;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.auth.AccessCheck;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.kinesis.engine.StreamRef;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each Kinesis action needs permission for, as AWS's authorization reference for Kinesis lists it:
 * {@code kinesis:<Action>} on the stream (named by StreamName in the caller's account, or by StreamARN), on the
 * consumer for SubscribeToShard and the consumer actions given a ConsumerARN, on the ARN of resource-policy and
 * tagging actions, on the stream a shard iterator was issued for (GetRecords), and on {@code *} for ListStreams and
 * the account-level actions. Tags sent are {@code aws:RequestTag/…} and {@code aws:TagKeys}.
 */
public final class KinesisAccess {
    private static final Pattern ACCOUNT_IN_ARN = Pattern.compile("arn:aws[^:]*:kinesis:[^:]*:(\\d{12}):.*");

    private KinesisAccess() {
    }

    public static List<AccessCheck> checks(String operation, Input input, RequestContext ctx, KinesisEngine engine) {
        String action = "kinesis:" + operation;
        return switch (operation) {
            case "ListStreams", "DescribeLimits", "DescribeAccountSettings", "UpdateAccountSettings" ->
                    List.of(AccessCheck.anyResource(action));
            case "SubscribeToShard" -> List.of(onArn(action, input.string("ConsumerARN")));
            case "DescribeStreamConsumer", "DeregisterStreamConsumer" -> input.has("ConsumerARN")
                    ? List.of(onArn(action, input.string("ConsumerARN"))) : List.of(onStream(action, ctx, input));
            case "PutResourcePolicy", "GetResourcePolicy", "DeleteResourcePolicy", "ListTagsForResource" ->
                    List.of(onArn(action, input.string("ResourceARN")));
            case "TagResource" -> List.of(onArn(action, input.string("ResourceARN"))
                    .withContext(AccessCheck.requestTags(input.stringMap("Tags"))));
            case "UntagResource" -> List.of(onArn(action, input.string("ResourceARN"))
                    .withContext(Map.of("aws:TagKeys", input.strings("TagKeys"))));
            case "CreateStream", "AddTagsToStream" -> List.of(onStream(action, ctx, input)
                    .withContext(AccessCheck.requestTags(input.stringMap("Tags"))));
            case "RegisterStreamConsumer" -> List.of(onStream(action, ctx, input)
                    .withContext(AccessCheck.requestTags(input.stringMap("Tags"))));
            case "RemoveTagsFromStream" -> List.of(onStream(action, ctx, input)
                    .withContext(Map.of("aws:TagKeys", input.strings("TagKeys"))));
            case "GetRecords" -> {
                StreamRef stream = input.has("StreamARN") ? null : engine.streamOfIterator(input.string("ShardIterator"));
                yield List.of(stream != null ? AccessCheck.of(action, stream.arn(), stream.account())
                        : onStream(action, ctx, input));
            }
            default -> List.of(onStream(action, ctx, input));
        };
    }

    private static AccessCheck onStream(String action, RequestContext ctx, Input input) {
        try {
            StreamRef stream = Wire.stream(ctx, input);
            return AccessCheck.of(action, stream.arn(), stream.account());
        } catch (AwsException e) {
            // No or a malformed stream reference: the operation answers that itself; nothing to authorise against.
            return AccessCheck.anyResource(action);
        }
    }

    private static AccessCheck onArn(String action, String arn) {
        Matcher m = arn == null ? null : ACCOUNT_IN_ARN.matcher(arn);
        return m != null && m.matches() ? AccessCheck.of(action, arn, m.group(1)) : AccessCheck.anyResource(action);
    }
}
