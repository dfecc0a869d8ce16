package io.wharf.mq.operations;

import io.wharf.mq.engine.MqEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.auth.AccessCheck;

import java.util.List;
import java.util.Map;

/**
 * What each MQ action needs permission for, as AWS's service authorization reference has it: {@code mq:<Action>} on
 * the broker ({@code arn:aws:mq:<region>:<account>:broker:<name>:<id>}) or configuration
 * ({@code arn:aws:mq:<region>:<account>:configuration:<id>}) it names, on {@code *} for the creating, listing and
 * catalogue actions. A broker that does not exist is named with {@code *} for its name, so a policy on broker ARNs
 * still matches by id; the action then answers NotFoundException.
 */
public final class MqAccess {
    private MqAccess() {
    }

    public static List<AccessCheck> checks(String operation, Input input, RequestContext context, MqEngine engine) {
        String action = "mq:" + operation;
        String account = context.accountId();
        return switch (operation) {
            case "CreateBroker", "CreateConfiguration" -> List.of(AccessCheck.anyResource(action)
                    .withContext(AccessCheck.requestTags(input.stringMap("Tags"))));
            case "ListBrokers", "ListConfigurations", "DescribeBrokerEngineTypes", "DescribeBrokerInstanceOptions" ->
                    List.of(AccessCheck.anyResource(action));
            case "DescribeConfiguration", "UpdateConfiguration", "DeleteConfiguration",
                 "DescribeConfigurationRevision", "ListConfigurationRevisions" ->
                    List.of(AccessCheck.of(action, "arn:aws:mq:" + context.region() + ":" + account
                            + ":configuration:" + input.string("ConfigurationId"), account));
            case "CreateTags" -> List.of(AccessCheck.of(action, input.string("ResourceArn"), account)
                    .withContext(AccessCheck.requestTags(input.stringMap("Tags"))));
            case "DeleteTags" -> List.of(AccessCheck.of(action, input.string("ResourceArn"), account)
                    .withContext(Map.of("aws:TagKeys", input.strings("TagKeys"))));
            case "ListTags" -> List.of(AccessCheck.of(action, input.string("ResourceArn"), account));
            default -> {
                String brokerId = input.string("BrokerId");
                String arn = engine.brokerArn(account, context.region(), brokerId);
                yield List.of(AccessCheck.of(action, arn != null ? arn
                        : "arn:aws:mq:" + context.region() + ":" + account + ":broker:*:" + brokerId, account));
            }
        };
    }
}
