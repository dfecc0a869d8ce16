package io.wharf.sqs.engine;

import io.wharf.sqs.SqsErrors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** AddPermission / RemovePermission as edits of the queue's Policy document (sqs.md §2.11). */
final class Permissions {
    static final int MAX_ACTIONS = 7;
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Set<String> ACTIONS = Set.of("*", "SendMessage", "ReceiveMessage", "DeleteMessage",
            "ChangeMessageVisibility", "GetQueueAttributes", "GetQueueUrl", "ListDeadLetterSourceQueues",
            "PurgeQueue", "ListQueueTags", "SendMessageBatch", "DeleteMessageBatch",
            "ChangeMessageVisibilityBatch");

    private Permissions() {
    }

    /** The Policy with a statement for {@code label} added. */
    static String add(QueueId queue, String policy, String label, List<String> accounts, List<String> actions) {
        if (!LABEL.matcher(label).matches()) {
            throw SqsErrors.invalidParameter("Label", label,
                    "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length.");
        }
        if (accounts.isEmpty()) {
            throw SqsErrors.missingParameter("AWSAccountIds");
        }
        if (actions.isEmpty()) {
            throw SqsErrors.missingParameter("Actions");
        }
        if (actions.size() > MAX_ACTIONS) {
            throw SqsErrors.OVER_LIMIT.error(actions.size() + " Actions were found, maximum allowed is "
                    + MAX_ACTIONS + ".");
        }
        for (String action : actions) {
            if (!ACTIONS.contains(action)) {
                throw SqsErrors.invalidParameter("ActionName", action,
                        "Please refer to the appropriate WSDL for a list of valid actions.");
            }
        }
        Map<String, Object> document = document(queue, policy);
        List<Object> statements = statements(document);
        for (Object s : statements) {
            if (s instanceof Map<?, ?> statement && label.equals(statement.get("Sid"))) {
                throw SqsErrors.invalidParameter("Label", label, "Already exists.");
            }
        }
        List<String> principals = accounts.stream().map(a -> "arn:aws:iam::" + a + ":root").toList();
        List<String> grants = actions.stream().map(a -> "SQS:" + a).toList();
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", label);
        statement.put("Effect", "Allow");
        statement.put("Principal", Map.of("AWS", principals.size() == 1 ? principals.get(0) : principals));
        statement.put("Action", grants.size() == 1 ? grants.get(0) : grants);
        statement.put("Resource", queue.arn());
        statements.add(statement);
        return Json.write(document);
    }

    /** The Policy without the statement for {@code label}, or null when no statement is left. */
    static String remove(String policy, String label) {
        if (policy != null) {
            Map<String, Object> document = asMap(Json.parse(policy));
            List<Object> statements = statements(document);
            boolean removed = statements.removeIf(s -> s instanceof Map<?, ?> m && label.equals(m.get("Sid")));
            if (removed) {
                return statements.isEmpty() ? null : Json.write(document);
            }
        }
        throw SqsErrors.invalidParameter("Label", label, "can't find label.");
    }

    private static Map<String, Object> document(QueueId queue, String policy) {
        if (policy != null && !policy.isEmpty()) {
            return asMap(Json.parse(policy));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Id", queue.arn() + "/SQSDefaultPolicy");
        document.put("Statement", new ArrayList<>());
        return document;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object parsed) {
        return (Map<String, Object>) parsed;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> statements(Map<String, Object> document) {
        Object s = document.get("Statement");
        List<Object> list;
        if (s instanceof List<?>) {
            list = (List<Object>) s;
        } else {
            list = new ArrayList<>();
            if (s != null) {
                list.add(s);
            }
            document.put("Statement", list);
        }
        return list;
    }
}
