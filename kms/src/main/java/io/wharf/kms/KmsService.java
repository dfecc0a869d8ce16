package io.wharf.kms;

import io.wharf.kms.engine.KmsEngine;
import io.wharf.kms.operations.KmsAccess;
import io.wharf.kms.operations.CancelKeyDeletion;
import io.wharf.kms.operations.CreateAlias;
import io.wharf.kms.operations.CreateKey;
import io.wharf.kms.operations.Decrypt;
import io.wharf.kms.operations.DeleteAlias;
import io.wharf.kms.operations.DescribeKey;
import io.wharf.kms.operations.DisableKey;
import io.wharf.kms.operations.DisableKeyRotation;
import io.wharf.kms.operations.EnableKey;
import io.wharf.kms.operations.EnableKeyRotation;
import io.wharf.kms.operations.Encrypt;
import io.wharf.kms.operations.GenerateDataKey;
import io.wharf.kms.operations.GenerateDataKeyWithoutPlaintext;
import io.wharf.kms.operations.GenerateRandom;
import io.wharf.kms.operations.GetKeyPolicy;
import io.wharf.kms.operations.GetKeyRotationStatus;
import io.wharf.kms.operations.ListAliases;
import io.wharf.kms.operations.ListKeyPolicies;
import io.wharf.kms.operations.ListKeyRotations;
import io.wharf.kms.operations.ListKeys;
import io.wharf.kms.operations.ListResourceTags;
import io.wharf.kms.operations.PutKeyPolicy;
import io.wharf.kms.operations.ReEncrypt;
import io.wharf.kms.operations.RotateKeyOnDemand;
import io.wharf.kms.operations.ScheduleKeyDeletion;
import io.wharf.kms.operations.TagResource;
import io.wharf.kms.operations.UntagResource;
import io.wharf.kms.operations.UpdateAlias;
import io.wharf.kms.operations.UpdateKeyDescription;
import io.wharf.protocol.AwsService;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.auth.AccessCheck;
import io.wharf.protocol.model.ServiceModel;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * AWS KMS as an {@link AwsService} (JSON 1.1, target prefix {@code TrentService}): the engine and one operation per
 * implemented action. The model's other actions (asymmetric and HMAC keys, grants, imported material, custom key
 * stores, multi-Region keys) answer the gateway's {@code NotImplemented}.
 */
public final class KmsService implements AwsService {
    private final ServiceModel model = ServiceModel.fromClasspath("models/kms");
    private final KmsEngine engine;
    private final Map<String, Operation> operations;

    KmsService(KmsEngine engine) {
        this.engine = engine;
        Map<String, Operation> ops = new TreeMap<>();
        ops.put("CancelKeyDeletion", new CancelKeyDeletion(engine));
        ops.put("CreateAlias", new CreateAlias(engine));
        ops.put("CreateKey", new CreateKey(engine));
        ops.put("Decrypt", new Decrypt(engine));
        ops.put("DeleteAlias", new DeleteAlias(engine));
        ops.put("DescribeKey", new DescribeKey(engine));
        ops.put("DisableKey", new DisableKey(engine));
        ops.put("DisableKeyRotation", new DisableKeyRotation(engine));
        ops.put("EnableKey", new EnableKey(engine));
        ops.put("EnableKeyRotation", new EnableKeyRotation(engine));
        ops.put("Encrypt", new Encrypt(engine));
        ops.put("GenerateDataKey", new GenerateDataKey(engine));
        ops.put("GenerateDataKeyWithoutPlaintext", new GenerateDataKeyWithoutPlaintext(engine));
        ops.put("GenerateRandom", new GenerateRandom(engine));
        ops.put("GetKeyPolicy", new GetKeyPolicy(engine));
        ops.put("GetKeyRotationStatus", new GetKeyRotationStatus(engine));
        ops.put("ListAliases", new ListAliases(engine));
        ops.put("ListKeyPolicies", new ListKeyPolicies(engine));
        ops.put("ListKeyRotations", new ListKeyRotations(engine));
        ops.put("ListKeys", new ListKeys(engine));
        ops.put("ListResourceTags", new ListResourceTags(engine));
        ops.put("PutKeyPolicy", new PutKeyPolicy(engine));
        ops.put("ReEncrypt", new ReEncrypt(engine));
        ops.put("RotateKeyOnDemand", new RotateKeyOnDemand(engine));
        ops.put("ScheduleKeyDeletion", new ScheduleKeyDeletion(engine));
        ops.put("TagResource", new TagResource(engine));
        ops.put("UntagResource", new UntagResource(engine));
        ops.put("UpdateAlias", new UpdateAlias(engine));
        ops.put("UpdateKeyDescription", new UpdateKeyDescription(engine));
        this.operations = Map.copyOf(ops);
    }

    @Override
    public ServiceModel model() {
        return model;
    }

    @Override
    public Map<String, Operation> operations() {
        return operations;
    }

    @Override
    public ValidationErrors validationErrors() {
        return KmsErrors.VALIDATION_ERRORS;
    }

    @Override
    public List<AccessCheck> accessChecks(String operation, Input input, RequestContext context) {
        return KmsAccess.checks(operation, input, context, engine);
    }

    /** A key's policy: the resource policy of every check on the key. */
    @Override
    public String resourcePolicy(String resourceArn) {
        return engine.policyOf(resourceArn);
    }

    @Override
    public Map<String, String> resourceTags(String resourceArn) {
        return engine.tagsOf(resourceArn);
    }
}
