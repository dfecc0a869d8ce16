package io.wharf.dynamodb.operations;

import io.wharf.dynamodb.engine.DynamoDbEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.auth.AccessCheck;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each DynamoDB action needs permission for, as AWS's service authorization reference says:
 * {@code dynamodb:<Action>} on {@code arn:aws:dynamodb:<region>:<account>:table/<name>}, or on
 * {@code …/index/<name>} for a Query or Scan of an index; on {@code *} for ListTables, DescribeLimits and
 * DescribeEndpoints. The batches need their action on every table they name; TransactWriteItems needs
 * {@code dynamodb:PutItem}, {@code UpdateItem}, {@code DeleteItem} or {@code ConditionCheckItem} per action, and
 * TransactGetItems {@code dynamodb:GetItem}, on each action's table.
 */
public final class DynamoDbAccess {
    private DynamoDbAccess() {
    }

    public static List<AccessCheck> checks(String operation, Input input, RequestContext ctx) {
        String action = "dynamodb:" + operation;
        return switch (operation) {
            case "ListTables", "DescribeLimits", "DescribeEndpoints" -> List.of(AccessCheck.anyResource(action));
            case "TagResource", "UntagResource", "ListTagsOfResource" -> onArn(action, input.string("ResourceArn"), ctx);
            case "BatchGetItem", "BatchWriteItem" -> {
                List<AccessCheck> checks = new ArrayList<>();
                input.structMap("RequestItems").keySet().forEach(t -> checks.add(onTable(action, t, null, ctx)));
                yield checks;
            }
            case "TransactWriteItems" -> {
                Set<AccessCheck> checks = new LinkedHashSet<>();
                for (Input item : input.structs("TransactItems")) {
                    for (var kind : Map.of("Put", "PutItem", "Update", "UpdateItem", "Delete", "DeleteItem",
                            "ConditionCheck", "ConditionCheckItem").entrySet()) {
                        if (item.has(kind.getKey())) {
                            checks.add(onTable("dynamodb:" + kind.getValue(),
                                    item.struct(kind.getKey()).string("TableName"), null, ctx));
                        }
                    }
                }
                yield List.copyOf(checks);
            }
            case "TransactGetItems" -> {
                Set<AccessCheck> checks = new LinkedHashSet<>();
                for (Input item : input.structs("TransactItems")) {
                    if (item.has("Get")) {
                        checks.add(onTable("dynamodb:GetItem", item.struct("Get").string("TableName"), null, ctx));
                    }
                }
                yield List.copyOf(checks);
            }
            case "Query", "Scan" -> List.of(onTable(action, input.string("TableName"), input.string("IndexName"), ctx));
            default -> input.has("TableName") ? List.of(onTable(action, input.string("TableName"), null, ctx))
                    : List.of(AccessCheck.anyResource(action));
        };
    }

    private static AccessCheck onTable(String action, String table, String index, RequestContext ctx) {
        String arn = table != null && table.startsWith("arn:") ? table
                : "arn:aws:dynamodb:" + ctx.region() + ":" + ctx.accountId() + ":table/" + DynamoDbEngine.tableName(table);
        if (index != null) {
            arn += "/index/" + index;
        }
        return new AccessCheck(action, arn, accountOf(arn, ctx), Map.of());
    }

    private static List<AccessCheck> onArn(String action, String arn, RequestContext ctx) {
        if (arn == null || !arn.startsWith("arn:")) {
            return List.of(AccessCheck.anyResource(action));
        }
        return List.of(new AccessCheck(action, arn, accountOf(arn, ctx), Map.of()));
    }

    private static String accountOf(String arn, RequestContext ctx) {
        String[] parts = arn.split(":", 6);
        return parts.length > 4 && parts[4].matches("\\d{12}") ? parts[4] : ctx.accountId();
    }
}
