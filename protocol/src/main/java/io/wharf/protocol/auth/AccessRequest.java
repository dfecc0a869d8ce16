package io.wharf.protocol.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One authorisation question: may {@code principal} perform {@code action} on {@code resourceArn}?
 *
 * @param principal       who asks
 * @param action          the IAM action, e.g. {@code sqs:SendMessage} (matched case-insensitively, as AWS does)
 * @param resourceArn     the resource's ARN, or {@code *} for actions without a resource (ListQueues)
 * @param resourceAccount the account that owns the resource (decides same-account vs cross-account evaluation); null
 *                        when the action has no resource, which counts as the principal's own account
 * @param resourcePolicy  the resource's policy document (queue {@code Policy}, topic {@code Policy}, stream resource
 *                        policy, a role's trust policy for {@code sts:AssumeRole}), or null when it has none
 * @param context         condition keys and their values, e.g. {@code aws:SourceIp}, {@code aws:SecureTransport},
 *                        {@code aws:SourceArn}, {@code aws:ResourceTag/env}, {@code sqs:...}; names are matched
 *                        case-insensitively; the principal's own keys ({@code aws:PrincipalArn}, {@code aws:userid}…)
 *                        are added by the evaluator
 */
public record AccessRequest(Principal principal, String action, String resourceArn, String resourceAccount,
                            String resourcePolicy, Map<String, List<String>> context) {
    public AccessRequest {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resourceArn, "resourceArn");
        context = context == null ? Map.of() : context;
    }
}
