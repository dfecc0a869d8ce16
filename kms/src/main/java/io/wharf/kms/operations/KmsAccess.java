package io.wharf.kms.operations;

import io.wharf.kms.engine.KmsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.auth.AccessCheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each KMS action needs permission for: {@code kms:<Action>} on the key's ARN (found from the KeyId in any form,
 * or from the key a ciphertext names), on {@code *} for CreateKey, ListKeys, ListAliases and GenerateRandom.
 * ReEncrypt needs {@code kms:ReEncryptFrom} on the source key and {@code kms:ReEncryptTo} on the destination; the
 * alias actions need their action on the key(s) the alias points at. The gateway evaluates a key's checks with the key
 * policy as its resource policy, which for {@code kms:} actions must allow the caller even in its own account
 * (the default key policy allows the account, delegating to IAM policies), as AWS does.
 *
 * <p>Condition keys: {@code kms:CallerAccount}, {@code kms:EncryptionContext:<key>} and
 * {@code kms:EncryptionContextKeys}, and the request tags of CreateKey and TagResource. {@code kms:ViaService} is never
 * set: calls through the API are direct calls (the AWS managed keys' policies allow use only via their service, so
 * direct use of them is denied, as on AWS). A KeyId that names no key needs no permission: the operation answers
 * NotFoundException.
 */
public final class KmsAccess {
    private static final Pattern ACCOUNT_IN_ARN = Pattern.compile("arn:aws[^:]*:kms:[^:]*:(\\d{12}):.*");

    private KmsAccess() {
    }

    public static List<AccessCheck> checks(String operation, Input input, RequestContext ctx, KmsEngine engine) {
        String action = "kms:" + operation;
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("kms:CallerAccount", List.of(ctx.accountId()));
        return switch (operation) {
            case "CreateKey" -> {
                keys.putAll(AccessCheck.requestTags(Wire.tags(input, "Tags")));
                yield List.of(AccessCheck.anyResource(action).withContext(keys));
            }
            case "ListKeys", "ListAliases", "GenerateRandom" -> List.of(AccessCheck.anyResource(action)
                    .withContext(keys));
            case "CreateAlias" -> onKey(action, engine.arnOf(ctx.accountId(), ctx.region(),
                    input.string("TargetKeyId")), keys);
            case "UpdateAlias" -> {
                List<AccessCheck> checks = new ArrayList<>(onKey(action, engine.arnOf(ctx.accountId(), ctx.region(),
                        input.string("AliasName")), keys));
                checks.addAll(onKey(action, engine.arnOf(ctx.accountId(), ctx.region(), input.string("TargetKeyId")),
                        keys));
                yield checks;
            }
            case "DeleteAlias" -> onKey(action, engine.arnOf(ctx.accountId(), ctx.region(), input.string("AliasName")),
                    keys);
            case "Decrypt" -> onKey(action, engine.arnOfCiphertext(input.bytes("CiphertextBlob")),
                    context(keys, input.stringMap("EncryptionContext")));
            case "ReEncrypt" -> {
                List<AccessCheck> checks = new ArrayList<>(onKey("kms:ReEncryptFrom",
                        engine.arnOfCiphertext(input.bytes("CiphertextBlob")),
                        context(new LinkedHashMap<>(keys), input.stringMap("SourceEncryptionContext"))));
                checks.addAll(onKey("kms:ReEncryptTo", engine.arnOf(ctx.accountId(), ctx.region(),
                        input.string("DestinationKeyId")), context(keys, input.stringMap("DestinationEncryptionContext"))));
                yield checks;
            }
            case "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext" -> onKey(action,
                    engine.arnOf(ctx.accountId(), ctx.region(), input.string("KeyId")),
                    context(keys, input.stringMap("EncryptionContext")));
            case "TagResource" -> {
                keys.putAll(AccessCheck.requestTags(Wire.tags(input, "Tags")));
                yield onKey(action, engine.arnOf(ctx.accountId(), ctx.region(), input.string("KeyId")), keys);
            }
            case "UntagResource" -> {
                keys.put("aws:TagKeys", input.strings("TagKeys"));
                yield onKey(action, engine.arnOf(ctx.accountId(), ctx.region(), input.string("KeyId")), keys);
            }
            default -> onKey(action, engine.arnOf(ctx.accountId(), ctx.region(), input.string("KeyId")), keys);
        };
    }

    private static Map<String, List<String>> context(Map<String, List<String>> keys, Map<String, String> context) {
        if (!context.isEmpty()) {
            context.forEach((k, v) -> keys.put("kms:EncryptionContext:" + k, List.of(v)));
            keys.put("kms:EncryptionContextKeys", List.copyOf(context.keySet()));
        }
        return keys;
    }

    private static List<AccessCheck> onKey(String action, String keyArn, Map<String, List<String>> keys) {
        Matcher m = keyArn == null ? null : ACCOUNT_IN_ARN.matcher(keyArn);
        if (m == null || !m.matches()) {
            return List.of();
        }
        return List.of(new AccessCheck(action, keyArn, m.group(1), Map.copyOf(keys)));
    }
}
