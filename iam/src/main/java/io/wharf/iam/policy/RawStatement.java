package io.wharf.iam.policy;

import java.util.List;
import java.util.Map;

/**
 * One statement as the JSON said it, after the syntax check and before compilation: what {@link PolicyRules} checks.
 *
 * @param principalElement "Principal", "NotPrincipal" or null; {@code principals} holds its type → values, or
 *                         {@code principalText} its string form ({@code "*"})
 * @param actionElement    "Action", "NotAction" or null (then {@code actions} is null)
 * @param resourceElement  "Resource", "NotResource" or null (then {@code resources} is null)
 */
record RawStatement(String sid, String effect, String principalElement, Map<String, List<String>> principals,
                    boolean principalIsText, String principalText, List<String> actions, String actionElement,
                    List<String> resources, String resourceElement, List<RawCondition> conditions) {

    /** One operator-key-values test of the Condition block. */
    record RawCondition(ConditionOperator operator, Condition.SetQualifier qualifier, boolean ifExists, String key,
                        List<String> values) {
    }
}
