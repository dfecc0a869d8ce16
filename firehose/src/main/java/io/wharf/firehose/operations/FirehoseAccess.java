package io.wharf.firehose.operations;

import io.wharf.protocol.Input;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.auth.AccessCheck;

import java.util.List;
import java.util.Map;

/**
 * What each Firehose action needs permission for, as AWS's authorization reference lists it: {@code firehose:<Action>}
 * on {@code arn:aws:firehose:<region>:<account>:deliverystream/<name>} (the stream named in the caller's account), on
 * {@code *} for ListDeliveryStreams. Tags sent are {@code aws:RequestTag/…} and {@code aws:TagKeys}.
 */
public final class FirehoseAccess {
    private FirehoseAccess() {
    }

    public static List<AccessCheck> checks(String operation, Input input, RequestContext ctx) {
        String action = "firehose:" + operation;
        return switch (operation) {
            case "ListDeliveryStreams" -> List.of(AccessCheck.anyResource(action));
            case "CreateDeliveryStream", "TagDeliveryStream" -> List.of(onStream(action, ctx, input)
                    .withContext(AccessCheck.requestTags(Wire.tags(input, "Tags"))));
            case "UntagDeliveryStream" -> List.of(onStream(action, ctx, input)
                    .withContext(Map.of("aws:TagKeys", input.strings("TagKeys"))));
            default -> List.of(onStream(action, ctx, input));
        };
    }

    /** The ARN of a delivery stream of the caller's account and region. */
    public static String arn(RequestContext ctx, String name) {
        return "arn:aws:firehose:" + ctx.region() + ":" + ctx.accountId() + ":deliverystream/" + name;
    }

    private static AccessCheck onStream(String action, RequestContext ctx, Input input) {
        String name = input.string("DeliveryStreamName");
        return name == null ? AccessCheck.anyResource(action) : AccessCheck.of(action, arn(ctx, name), ctx.accountId());
    }
}
