package io.wharf.cloudwatch.operations;

import io.wharf.protocol.Input;
import io.wharf.protocol.auth.AccessCheck;

import java.util.List;
import java.util.Map;

/**
 * What each CloudWatch action needs permission for: {@code cloudwatch:<Action>} on {@code *} — metrics have no
 * resource ARN (AWS's service authorization reference lists no resource type for PutMetricData, ListMetrics or
 * GetMetricStatistics). PutMetricData also offers the {@code cloudwatch:namespace} condition key.
 */
public final class CloudWatchAccess {
    private CloudWatchAccess() {
    }

    public static List<AccessCheck> checks(String operation, Input input) {
        AccessCheck check = AccessCheck.anyResource("cloudwatch:" + operation);
        if (operation.equals("PutMetricData") && input.string("Namespace") != null) {
            check = check.withContext(Map.of("cloudwatch:namespace", List.of(input.string("Namespace"))));
        }
        return List.of(check);
    }
}
