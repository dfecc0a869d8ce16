package io.wharf.kms.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.kms.KmsErrors;

/**
 * The checks a key policy passes before it is stored: a JSON object with statements. The policy language itself is
 * IAM's, judged by the gateway's evaluator when policies are enforced (a statement it cannot read denies).
 */
final class Policies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Policies() {
    }

    static void validate(String policy) {
        JsonNode document;
        try {
            document = JSON.readTree(policy);
        } catch (JsonProcessingException e) {
            throw KmsErrors.MALFORMED_POLICY.error("The key policy is not valid JSON.");
        }
        if (document == null || !document.isObject()) {
            throw KmsErrors.MALFORMED_POLICY.error("The key policy must be a JSON object.");
        }
        JsonNode statements = document.get("Statement");
        if (statements == null || !(statements.isObject() || statements.isArray() && !statements.isEmpty())) {
            throw KmsErrors.MALFORMED_POLICY.error("The key policy has no Statement.");
        }
        for (JsonNode statement : statements.isArray() ? statements : JSON.createArrayNode().add(statements)) {
            if (!statement.isObject() || !statement.has("Effect") || !(statement.has("Action")
                    || statement.has("NotAction"))) {
                throw KmsErrors.MALFORMED_POLICY.error("Every statement of a key policy needs an Effect and an Action.");
            }
            if (!statement.has("Principal") && !statement.has("NotPrincipal")) {
                throw KmsErrors.MALFORMED_POLICY.error("Policy contains a statement with no principal.");
            }
        }
    }
}
