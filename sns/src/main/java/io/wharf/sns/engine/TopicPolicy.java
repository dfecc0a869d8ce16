package io.wharf.sns.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.sns.SnsErrors;

import java.util.List;

/** The topic's access policy: AWS's default one, and AddPermission/RemovePermission as statements in it. */
final class TopicPolicy {
    private static final List<String> DEFAULT_ACTIONS = List.of("SNS:GetTopicAttributes", "SNS:SetTopicAttributes",
            "SNS:AddPermission", "SNS:RemovePermission", "SNS:DeleteTopic", "SNS:Subscribe",
            "SNS:ListSubscriptionsByTopic", "SNS:Publish");

    private TopicPolicy() {
    }

    static String defaultPolicy(String topicArn, String owner) {
        ObjectNode policy = Json.MAPPER.createObjectNode().put("Version", "2008-10-17").put("Id", "__default_policy_ID");
        ObjectNode statement = policy.putArray("Statement").addObject()
                .put("Sid", "__default_statement_ID").put("Effect", "Allow");
        statement.putObject("Principal").put("AWS", "*");
        ArrayNode actions = statement.putArray("Action");
        DEFAULT_ACTIONS.forEach(actions::add);
        statement.put("Resource", topicArn);
        statement.putObject("Condition").putObject("StringEquals").put("AWS:SourceOwner", owner);
        return Json.text(policy);
    }

    /** The policy with a statement {@code label} allowing {@code actions} to {@code accounts}. */
    static String addPermission(String current, String topicArn, String label, List<String> accounts,
                                List<String> actions) {
        ObjectNode policy = Json.parseObject(current);
        ArrayNode statements = policy.withArray("Statement");
        for (JsonNode s : statements) {
            if (label.equals(s.path("Sid").asText())) {
                throw SnsErrors.invalidParameter("Statement already exists");
            }
        }
        ObjectNode statement = statements.addObject().put("Sid", label).put("Effect", "Allow");
        ArrayNode principals = statement.putObject("Principal").putArray("AWS");
        accounts.forEach(a -> principals.add("arn:aws:iam::" + a + ":root"));
        ArrayNode allowed = statement.putArray("Action");
        for (String action : actions) {
            int colon = action.indexOf(':');
            if (colon >= 0 && !action.substring(0, colon).equalsIgnoreCase("sns")) {
                throw SnsErrors.invalidParameter("Policy statement action out of service scope!");
            }
            allowed.add("SNS:" + action.substring(colon + 1));
        }
        statement.put("Resource", topicArn);
        return Json.text(policy);
    }

    static String removePermission(String current, String label) {
        ObjectNode policy = Json.parseObject(current);
        ArrayNode statements = policy.withArray("Statement");
        for (int i = statements.size() - 1; i >= 0; i--) {
            if (label.equals(statements.get(i).path("Sid").asText())) {
                statements.remove(i);
            }
        }
        return Json.text(policy);
    }
}
