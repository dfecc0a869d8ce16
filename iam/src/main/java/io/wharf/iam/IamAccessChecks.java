package io.wharf.iam;

import io.wharf.iam.engine.AccessKeys;
import io.wharf.iam.engine.EntityKind;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.auth.AccessCheck;
import io.wharf.protocol.auth.Principal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each IAM action needs permission for, after AWS's Service Authorization Reference for IAM: {@code iam:<Action>}
 * on the user, group, role or policy it acts on (in the caller's account; its real path when it exists), on {@code *}
 * for the List actions over a whole account; with {@code aws:RequestTag/…} and {@code aws:TagKeys} for tagging and
 * {@code iam:PolicyARN} for attaching.
 */
final class IamAccessChecks {
    private IamAccessChecks() {
    }

    static List<AccessCheck> of(IamEngine engine, String operation, Input input, RequestContext ctx) {
        String action = "iam:" + operation;
        String account = ctx.principal().accountId() != null ? ctx.principal().accountId() : ctx.accountId();
        String resource = resource(engine, operation, input, ctx, account);
        AccessCheck check = resource.equals("*") ? AccessCheck.anyResource(action)
                : AccessCheck.of(action, resource, account);
        Map<String, List<String>> context = context(operation, input);
        return List.of(context.isEmpty() ? check : check.withContext(context));
    }

    private static String resource(IamEngine engine, String operation, Input input, RequestContext ctx,
                                   String account) {
        if (input.has("PolicySourceArn")) {
            return input.string("PolicySourceArn");
        }
        if (operation.equals("CreatePolicy")) {
            String path = input.has("Path") ? input.string("Path") : "/";
            return "arn:aws:iam::" + account + ":policy" + path + input.string("PolicyName");
        }
        if (input.has("PolicyArn") && !operation.startsWith("Attach") && !operation.startsWith("Detach")) {
            return input.string("PolicyArn");
        }
        if (operation.equals("CreateUser") || operation.equals("CreateGroup") || operation.equals("CreateRole")) {
            String path = input.has("Path") ? input.string("Path") : "/";
            String kind = operation.substring("Create".length()).toLowerCase(java.util.Locale.ROOT);
            String name = input.string(operation.substring("Create".length()) + "Name");
            return "arn:aws:iam::" + account + ":" + kind + path + name;
        }
        for (EntityKind kind : List.of(EntityKind.GROUP, EntityKind.ROLE, EntityKind.USER)) {
            String name = input.string(kind.title() + "Name");
            if (name != null) {
                return engine.entityArn(account, kind, name);
            }
        }
        if (operation.equals("GetAccessKeyLastUsed")) {
            AccessKeys.OwnedKey key = engine.accessKeys().find(input.string("AccessKeyId"));
            return key == null || key.userName() == null ? "*" : engine.entityArn(account, EntityKind.USER, key.userName());
        }
        if (operation.equals("GetUser") || operation.endsWith("AccessKey") || operation.equals("ListAccessKeys")) {
            Principal caller = ctx.principal();
            return caller.type() == Principal.Type.USER ? caller.arn() : "*";
        }
        return "*";
    }

    private static Map<String, List<String>> context(String operation, Input input) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        if (input.has("Tags")) {
            List<String> keys = new ArrayList<>();
            input.structs("Tags").forEach(tag -> {
                keys.add(tag.string("Key"));
                context.put("aws:RequestTag/" + tag.string("Key"), List.of(tag.string("Value")));
            });
            context.put("aws:TagKeys", keys);
        }
        if (input.has("TagKeys")) {
            context.put("aws:TagKeys", input.strings("TagKeys"));
        }
        if ((operation.startsWith("Attach") || operation.startsWith("Detach")) && input.has("PolicyArn")) {
            context.put("iam:PolicyARN", List.of(input.string("PolicyArn")));
        }
        return context;
    }
}
