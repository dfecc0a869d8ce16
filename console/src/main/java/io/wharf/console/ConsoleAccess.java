package io.wharf.console;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.AwsService;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.auth.AccessCheck;
import io.wharf.protocol.auth.AccessControl;
import io.wharf.protocol.auth.AccessRequest;
import io.wharf.protocol.auth.AuthMode;
import io.wharf.protocol.auth.ConditionKeys;
import io.wharf.protocol.auth.Decision;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Authorises what a console page shows and does exactly as the wire API's gateway authorises a call: the same
 * {@link AccessControl}, the AWS action name ({@code sqs:ReceiveMessage} for a peek, {@code sns:Publish}, …), the
 * resource ARN, the resource's policy and tags from its service, and the global condition keys. A denial is the
 * service's own error (SQS's {@code AccessDenied}, SNS's {@code AuthorizationError}), with AWS's text.
 */
final class ConsoleAccess {
    private final AuthMode mode;
    private final AccessControl access;

    ConsoleAccess(AuthMode mode, AccessControl access) {
        this.mode = mode;
        this.access = access;
    }

    /** What a denial shows: the error code and AWS's message. */
    static final class Denied extends RuntimeException {
        private final String code;

        Denied(AwsException error) {
            super(error.getMessage(), null, false, false);
            this.code = error.code();
        }

        String code() {
            return code;
        }
    }

    /**
     * @param resourceArn     the resource, or {@code *} for list actions without one
     * @param resourceAccount the resource's account, null with {@code *}
     * @throws Denied when policies are enforced and do not allow it
     */
    void check(Caller caller, AwsService service, String action, String resourceArn, String resourceAccount) {
        if (!mode.evaluatesPolicies()) {
            return;
        }
        boolean anyResource = resourceArn.equals("*");
        Map<String, List<String>> requestKeys = new LinkedHashMap<>();
        requestKeys.put("aws:SourceIp", List.of(caller.sourceIp()));
        requestKeys.put("aws:SecureTransport", List.of(Boolean.toString(caller.secure())));
        requestKeys.put("aws:RequestedRegion", List.of(caller.region()));
        Map<String, List<String>> conditionKeys = new ConditionKeys(requestKeys,
                anyResource ? Map::of : () -> service.resourceTags(resourceArn));
        Decision decision = access.authorize(new AccessRequest(caller.principal(), action, resourceArn,
                anyResource ? null : resourceAccount, anyResource ? null : service.resourcePolicy(resourceArn),
                conditionKeys));
        if (!decision.allowed()) {
            RequestContext context = new RequestContext(UUID.randomUUID().toString(), caller.account(),
                    caller.region(), caller.principal().accessKeyId(), "localhost", caller.secure() ? "https" : "http",
                    "/_wharf/console", caller.principal(), caller.sourceIp());
            AccessCheck check = anyResource ? AccessCheck.anyResource(action)
                    : AccessCheck.of(action, resourceArn, resourceAccount);
            throw new Denied(service.accessDenied(check, decision, context));
        }
    }
}
