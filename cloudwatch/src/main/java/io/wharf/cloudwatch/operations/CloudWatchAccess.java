package io.wharf.cloudwatch.operations;

import io.wharf.protocol.Input;
import io.wharf.protocol.auth.AccessCheck;

import java.util.List;
import java.util.Map;

/**
 * What each CloudWatch action needs permission for: {@code cloudwatch:<Action>} on {@code *} — metrics have no
 * resource ARN (AWS's service authorization reference lists no resource type for PutMetricData, ListMetrics or
 * GetMetricStatistics). PutMetricData also offers the {@code cloudwatch:namespace} condition key. The alarm actions
 * that name alarms are on each alarm's ARN ({@code arn:aws:cloudwatch:<region>:<account>:alarm:<name>}), the tagging
 * actions on ResourceARN; DescribeAlarms and DescribeAlarmsForMetric on {@code *}.
 */
public final class CloudWatchAccess {
    private CloudWatchAccess() {
    }

    public static List<AccessCheck> checks(String operation, Input input, String account, String region) {
        String action = "cloudwatch:" + operation;
        switch (operation) {
            case "PutMetricAlarm", "SetAlarmState" -> {
                return List.of(alarm(action, input.string("AlarmName"), account, region));
            }
            case "DescribeAlarmHistory" -> {
                if (input.string("AlarmName") != null) {
                    return List.of(alarm(action, input.string("AlarmName"), account, region));
                }
            }
            case "DeleteAlarms", "EnableAlarmActions", "DisableAlarmActions" -> {
                List<String> names = input.strings("AlarmNames");
                if (!names.isEmpty()) {
                    return names.stream().map(n -> alarm(action, n, account, region)).toList();
                }
            }
            case "ListTagsForResource", "TagResource", "UntagResource" -> {
                String arn = input.string("ResourceARN");
                String[] parts = arn == null ? new String[0] : arn.split(":", 6);
                if (parts.length == 6) {
                    return List.of(AccessCheck.of(action, arn, parts[4]));
                }
            }
            default -> {
            }
        }
        AccessCheck check = AccessCheck.anyResource("cloudwatch:" + operation);
        if (operation.equals("PutMetricData") && input.string("Namespace") != null) {
            check = check.withContext(Map.of("cloudwatch:namespace", List.of(input.string("Namespace"))));
        }
        return List.of(check);
    }

    private static AccessCheck alarm(String action, String name, String account, String region) {
        return AccessCheck.of(action, "arn:aws:cloudwatch:" + region + ":" + account + ":alarm:" + name, account);
    }
}
