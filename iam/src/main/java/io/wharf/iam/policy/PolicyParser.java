package io.wharf.iam.policy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.wharf.iam.policy.PolicyDocument.Kind;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * JSON text to {@link PolicyDocument}: the syntax check ("Syntax errors in policy.": JSON shape, known elements,
 * known condition operators, string-or-list values), then {@link PolicyRules} for the kind of policy, then
 * compilation of every matcher.
 */
final class PolicyParser {
    static final String SYNTAX = PolicyRules.SYNTAX;

    private static final Set<String> TOP_ELEMENTS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_ELEMENTS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private PolicyParser() {
    }

    static PolicyDocument parse(String json, Kind kind) {
        if (json == null) {
            throw malformed(SYNTAX);
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw malformed(SYNTAX);
        }
        if (root == null || !root.isObject()) {
            throw malformed(SYNTAX);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            if (!TOP_ELEMENTS.contains(names.next())) {
                throw malformed(SYNTAX);
            }
        }
        String version = optionalText(root, "Version");
        if (version != null && !version.equals(PolicyDocument.VERSION_2012)
                && !version.equals(PolicyDocument.VERSION_2008)) {
            throw malformed(SYNTAX);
        }
        String id = optionalText(root, "Id");
        List<RawStatement> raws = new ArrayList<>();
        for (JsonNode node : statementNodes(root.get("Statement"))) {
            raws.add(syntax(node, kind));
        }
        PolicyRules.checkKind(raws, kind);
        if (kind == Kind.MANAGED && !PolicyDocument.VERSION_2012.equals(version)) {
            throw malformed(PolicyRules.VERSION_REQUIRED);
        }
        if (kind != Kind.ANY) {
            PolicyRules.checkIam(raws, kind);
        }
        boolean variables = PolicyDocument.VERSION_2012.equals(version);
        List<Statement> statements = new ArrayList<>(raws.size());
        for (RawStatement raw : raws) {
            statements.add(compile(raw, variables));
        }
        return new PolicyDocument(json, kind, version, id, statements);
    }

    private static List<JsonNode> statementNodes(JsonNode statement) {
        if (statement == null) {
            throw malformed(SYNTAX);
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (statement.isObject()) {
            nodes.add(statement);
        } else if (statement.isArray() && !statement.isEmpty()) {
            statement.forEach(nodes::add);
        } else {
            throw malformed(SYNTAX);
        }
        return nodes;
    }

    private static RawStatement syntax(JsonNode node, Kind kind) {
        if (!node.isObject()) {
            throw malformed(SYNTAX);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            if (!STATEMENT_ELEMENTS.contains(names.next())) {
                throw malformed(SYNTAX);
            }
        }
        String actionElement = exclusive(node, "Action", "NotAction");
        String resourceElement = exclusive(node, "Resource", "NotResource");
        String principalElement = exclusive(node, "Principal", "NotPrincipal");
        JsonNode effectNode = node.get("Effect");
        if (effectNode == null && (kind == Kind.RESOURCE || kind == Kind.TRUST)) {
            throw malformed(PolicyRules.MISSING_EFFECT);
        }
        if (effectNode == null || !effectNode.isTextual()) {
            throw malformed(SYNTAX);
        }
        String effect = effectNode.asText();
        String lowerEffect = effect.toLowerCase(Locale.ROOT);
        if (!lowerEffect.equals("allow") && !lowerEffect.equals("deny")) {
            throw malformed(SYNTAX);
        }
        List<String> actions = actionElement == null ? null : stringOrList(node.get(actionElement));
        List<String> resources = resourceElement == null ? null : stringOrList(node.get(resourceElement));
        List<RawStatement.RawCondition> conditions = conditions(node.get("Condition"));
        String sid = optionalText(node, "Sid");

        Map<String, List<String>> principals = null;
        boolean principalIsText = false;
        String principalText = null;
        if (principalElement != null) {
            JsonNode principal = node.get(principalElement);
            if (principal.isTextual()) {
                principalIsText = true;
                principalText = principal.asText();
            } else if (principal.isObject()) {
                principals = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> field : principal.properties()) {
                    principals.put(field.getKey(), stringOrList(field.getValue()));
                }
            } else {
                throw malformed(SYNTAX);
            }
        }
        return new RawStatement(sid, effect, principalElement, principals, principalIsText, principalText, actions,
                actionElement, resources, resourceElement, conditions);
    }

    private static String exclusive(JsonNode node, String element, String negated) {
        boolean positive = node.has(element);
        boolean negative = node.has(negated);
        if (positive && negative) {
            throw malformed(SYNTAX);
        }
        return positive ? element : negative ? negated : null;
    }

    private static List<RawStatement.RawCondition> conditions(JsonNode block) {
        if (block == null) {
            return List.of();
        }
        if (!block.isObject()) {
            throw malformed(SYNTAX);
        }
        List<RawStatement.RawCondition> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : block.properties()) {
            JsonNode keys = entry.getValue();
            if (!keys.isObject()) {
                throw malformed(SYNTAX);
            }
            String name = entry.getKey();
            Condition.SetQualifier qualifier = Condition.SetQualifier.NONE;
            if (name.startsWith("ForAnyValue:")) {
                qualifier = Condition.SetQualifier.FOR_ANY_VALUE;
                name = name.substring("ForAnyValue:".length());
            } else if (name.startsWith("ForAllValues:")) {
                qualifier = Condition.SetQualifier.FOR_ALL_VALUES;
                name = name.substring("ForAllValues:".length());
            }
            boolean ifExists = name.endsWith("IfExists");
            if (ifExists) {
                name = name.substring(0, name.length() - "IfExists".length());
            }
            ConditionOperator operator = ConditionOperator.named(name);
            List<RawStatement.RawCondition> parsed = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : keys.properties()) {
                parsed.add(new RawStatement.RawCondition(operator, qualifier, ifExists, field.getKey(),
                        conditionValues(field.getValue())));
            }
            if (operator == null) {
                if (!parsed.isEmpty()) {
                    throw malformed(SYNTAX);
                }
                continue;
            }
            out.addAll(parsed);
        }
        return out;
    }

    private static List<String> conditionValues(JsonNode value) {
        if (value.isArray()) {
            List<String> out = new ArrayList<>(value.size());
            for (JsonNode element : value) {
                out.add(scalar(element));
            }
            return out;
        }
        return List.of(scalar(value));
    }

    private static String scalar(JsonNode value) {
        if (value.isTextual() || value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        throw malformed(SYNTAX);
    }

    private static List<String> stringOrList(JsonNode value) {
        if (value.isTextual()) {
            return List.of(value.asText());
        }
        if (!value.isArray()) {
            throw malformed(SYNTAX);
        }
        List<String> out = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw malformed(SYNTAX);
            }
            out.add(element.asText());
        }
        return out;
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw malformed(SYNTAX);
        }
        return value.asText();
    }

    private static Statement compile(RawStatement raw, boolean variables) {
        Statement.Effect effect = raw.effect().equalsIgnoreCase("Allow") ? Statement.Effect.ALLOW
                : Statement.Effect.DENY;
        PrincipalSpec principal = null;
        if (raw.principalElement() != null) {
            if (raw.principalIsText()) {
                principal = raw.principalText().equals("*") ? PrincipalSpec.everyone() : PrincipalSpec.of(Map.of());
            } else {
                principal = PrincipalSpec.of(raw.principals());
            }
        }
        List<Glob> actions = new ArrayList<>();
        if (raw.actions() != null) {
            for (String action : raw.actions()) {
                actions.add(Glob.of(action.toLowerCase(Locale.ROOT), false));
            }
        }
        List<WildcardTemplate> resources = null;
        if (raw.resources() != null) {
            resources = new ArrayList<>();
            for (String resource : raw.resources()) {
                resources.add(new WildcardTemplate(Template.parse(resource, variables, 5), true));
            }
        }
        List<Condition> conditions = new ArrayList<>();
        for (RawStatement.RawCondition condition : raw.conditions()) {
            conditions.add(new Condition(condition.operator(), condition.qualifier(), condition.ifExists(),
                    condition.key(), condition.values(), variables));
        }
        return new Statement(raw.sid(), effect, principal, "NotPrincipal".equals(raw.principalElement()), actions,
                "NotAction".equals(raw.actionElement()), resources, "NotResource".equals(raw.resourceElement()),
                conditions);
    }

    static MalformedPolicyException malformed(String message) {
        return new MalformedPolicyException(message);
    }
}
