package io.wharf.iam;

import io.wharf.iam.engine.IamEngine;
import io.wharf.iam.engine.Role;
import io.wharf.iam.sts.AssumeRole;
import io.wharf.iam.sts.GetAccessKeyInfo;
import io.wharf.iam.sts.GetCallerIdentity;
import io.wharf.iam.sts.GetSessionToken;
import io.wharf.protocol.AwsService;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.auth.AccessCheck;
import io.wharf.protocol.model.ServiceModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS STS as an {@link AwsService}, over the IAM engine (sessions are of its users and roles). The federation actions
 * (SAML, web identity, GetFederationToken, AssumeRoot, DecodeAuthorizationMessage, …) answer NotImplemented.
 */
public final class StsService implements AwsService {
    private final ServiceModel model = ServiceModel.fromClasspath("models/sts");
    private final IamEngine engine;
    private final Map<String, Operation> operations;

    public StsService(IamEngine engine) {
        this.engine = engine;
        this.operations = Map.of(
                "AssumeRole", new AssumeRole(engine),
                "GetAccessKeyInfo", new GetAccessKeyInfo(engine),
                "GetCallerIdentity", new GetCallerIdentity(),
                "GetSessionToken", new GetSessionToken(engine));
    }

    @Override
    public ServiceModel model() {
        return model;
    }

    @Override
    public Map<String, Operation> operations() {
        return operations;
    }

    /** IAM's and STS's Query errors have no {@code <Detail/>}. */
    /**
     * STS names who was refused what, without the reason other services append: "User: arn:aws:iam::…:user/x is not
     * authorized to perform: sts:AssumeRole on resource: arn:aws:iam::…:role/y".
     */
    @Override
    public io.wharf.protocol.AwsException accessDenied(AccessCheck check, io.wharf.protocol.auth.Decision decision,
                                                      RequestContext context) {
        return new io.wharf.protocol.AwsException("AccessDenied", 403, true, "User: " + context.principal().arn()
                + " is not authorized to perform: " + check.action() + " on resource: " + check.resourceArn());
    }

    @Override
    public boolean queryErrorDetail() {
        return false;
    }

    @Override
    public ValidationErrors validationErrors() {
        return StsErrors.VALIDATION;
    }

    /**
     * GetCallerIdentity and GetSessionToken need no permission (AWS: no policy can deny them); AssumeRole needs
     * {@code sts:AssumeRole} on the role, from its account (and {@code sts:TagSession} with session tags);
     * GetAccessKeyInfo {@code sts:GetAccessKeyInfo} on {@code *}.
     */
    @Override
    public List<AccessCheck> accessChecks(String operation, Input input, RequestContext context) {
        return switch (operation) {
            case "GetCallerIdentity", "GetSessionToken" -> List.of();
            case "AssumeRole" -> assumeRoleChecks(input);
            default -> List.of(AccessCheck.anyResource("sts:" + operation));
        };
    }

    private static List<AccessCheck> assumeRoleChecks(Input input) {
        String roleArn = input.string("RoleArn");
        io.wharf.iam.engine.Arns.Parsed parsed = io.wharf.iam.engine.Arns.parse(roleArn);
        if (parsed == null || !parsed.kind().equals("role")) {
            return List.of(); // not a role's ARN: AssumeRole refuses it as invalid input (ValidationError), as STS does
        }
        String account = parsed.accountId();
        List<AccessCheck> checks = new ArrayList<>();
        checks.add(AccessCheck.of("sts:AssumeRole", roleArn, account));
        if (input.has("Tags")) {
            Map<String, List<String>> context = new LinkedHashMap<>();
            List<String> keys = new ArrayList<>();
            input.structs("Tags").forEach(tag -> {
                keys.add(tag.string("Key"));
                context.put("aws:RequestTag/" + tag.string("Key"), List.of(tag.string("Value")));
            });
            context.put("aws:TagKeys", keys);
            checks.add(AccessCheck.of("sts:TagSession", roleArn, account).withContext(context));
        }
        return checks;
    }

    /** A role's trust policy: the resource policy {@code sts:AssumeRole} is evaluated against. */
    @Override
    public String resourcePolicy(String resourceArn) {
        Role role = engine.roles().byArn(resourceArn);
        return role == null ? null : role.trustPolicy();
    }

    @Override
    public Map<String, String> resourceTags(String resourceArn) {
        return engine.tagsOf(resourceArn);
    }
}
