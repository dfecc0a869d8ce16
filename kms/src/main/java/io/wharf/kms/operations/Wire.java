package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.KmsErrors;
import io.wharf.kms.engine.KeyStatus;
import io.wharf.kms.engine.KmsKey;
import io.wharf.protocol.Input;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the operations share: KeyMetadata, tags, paging, and the checks of parameters several actions take. */
final class Wire {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final String SYMMETRIC_DEFAULT = "SYMMETRIC_DEFAULT";

    private Wire() {
    }

    static ObjectNode object() {
        return JSON.objectNode();
    }

    /** DescribeKey's and CreateKey's {@code KeyMetadata}. */
    static ObjectNode keyMetadata(KmsKey key) {
        ObjectNode out = object()
                .put("AWSAccountId", key.account())
                .put("KeyId", key.keyId())
                .put("Arn", key.arn())
                .put("CreationDate", key.created().toEpochMilli())
                .put("Enabled", key.status() == KeyStatus.ENABLED)
                .put("Description", key.description() == null ? "" : key.description())
                .put("KeyUsage", key.keyUsage())
                .put("KeyState", key.status().wire());
        if (key.deletionDate() != null) {
            out.put("DeletionDate", key.deletionDate().toEpochMilli());
        }
        out.put("Origin", key.origin())
                .put("KeyManager", key.keyManager())
                .put("CustomerMasterKeySpec", key.keySpec())
                .put("KeySpec", key.keySpec());
        out.putArray("EncryptionAlgorithms").add(SYMMETRIC_DEFAULT);
        out.put("MultiRegion", false);
        return out;
    }

    /** A {@code Tags} list of {@code {TagKey, TagValue}} as a map (a repeated key: the last value wins). */
    static Map<String, String> tags(Input input, String member) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Input tag : input.structs(member)) {
            tags.put(tag.string("TagKey"), tag.string("TagValue"));
        }
        return tags;
    }

    /** The list limit: 1–1000 by the model, 100 when absent. */
    static int limit(Input input) {
        Integer limit = input.integer("Limit");
        return limit == null ? 100 : limit;
    }

    /** Paged output's {@code NextMarker} and {@code Truncated}. */
    static void paging(ObjectNode out, String nextMarker) {
        if (nextMarker != null) {
            out.put("NextMarker", nextMarker);
        }
        out.put("Truncated", nextMarker != null);
    }

    /** Symmetric keys take SYMMETRIC_DEFAULT only. */
    static void requireSymmetricAlgorithm(String algorithm) {
        if (algorithm != null && !algorithm.equals(SYMMETRIC_DEFAULT)) {
            throw KmsErrors.INVALID_KEY_USAGE.error("The encryption algorithm " + algorithm
                    + " is not supported by symmetric encryption KMS keys; use SYMMETRIC_DEFAULT.");
        }
    }

    /** What Wharf does not implement: Nitro Enclave attestation ({@code Recipient}). */
    static void refuseRecipient(Input input) {
        if (input.has("Recipient")) {
            throw KmsErrors.UNSUPPORTED_OPERATION.error("Wharf does not implement Recipient (Nitro Enclaves "
                    + "attestation documents).");
        }
    }

    /** After every check passed: a DryRun request stops here, as AWS's does. */
    static void dryRun(Input input) {
        if (Boolean.TRUE.equals(input.bool("DryRun"))) {
            throw KmsErrors.DRY_RUN.error("The request would have succeeded, but the DryRun option is set.");
        }
    }

    /** The PolicyName of the key policy actions: {@code default}, the only one a key has. */
    static void requireDefaultPolicyName(Input input) {
        String name = input.string("PolicyName");
        if (name != null && !name.equals("default")) {
            throw KmsErrors.NOT_FOUND.error("No such policy exists");
        }
    }
}
