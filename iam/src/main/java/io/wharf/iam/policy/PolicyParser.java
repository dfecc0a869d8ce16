package io.wharf.iam.policy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.wharf.iam.policy.PolicyDocument.Kind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * JSON text to {@link PolicyDocument}, refusing what IAM refuses with IAM's message, in IAM's order of checks (the
 * order moto's and LocalStack's validators reproduce from observing IAM): syntax ("Syntax errors in policy."), the
 * kind's rules about principals, the Version a managed policy needs, the legacy parser (Effect's case, dates, empty
 * ARN segments), unique and alphanumeric Sids, actions present, resource formats, action vendors, resources present
 * (or, in a trust policy, STS actions only and no resources), and finally the principals' format.
 */
final class PolicyParser {
    static final String SYNTAX = "Syntax errors in policy.";
    static final String PRINCIPAL_NOT_ALLOWED = "Policy document should not specify a principal.";
    static final String MISSING_PRINCIPAL = "Missing required field Principal";
    static final String MISSING_EFFECT = "Missing required field Effect";
    static final String PROHIBITED_RESOURCE = "Has prohibited field Resource";
    static final String PROHIBITED_NOT_PRINCIPAL = "Has prohibited field NotPrincipal";
    static final String VERSION_REQUIRED = "Policy document must be version 2012-10-17 or greater.";
    static final String LEGACY = "The policy failed legacy parsing";
    static final String DUPLICATE_SID = "Statement IDs (SID) in a single policy must be unique.";
    static final String SID_FORMAT = "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the "
            + "regular expression [0-9A-Za-z]*";
    static final String MISSING_ACTIONS = "Policy statement must contain actions.";
    static final String MISSING_RESOURCES = "Policy statement must contain resources.";
    static final String NO_VENDOR = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
    static final String TWO_COLONS = "Actions/Condition can contain only one colon.";
    static final String INVALID_ACTION = "Policy has invalid action";
    static final String INVALID_PRINCIPAL = "Invalid principal in policy";
    static final String TRUST_ACTIONS = "Trust Policy statement actions can only be sts:AssumeRole, "
            + "sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity";

    private static final Set<String> TOP_ELEMENTS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_ELEMENTS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** One statement after the syntax check, before compilation. */
    private record Raw(String sid, String effect, String principalElement, Map<String, List<String>> principals,
                       boolean principalIsText, String principalText, List<String> actions, String actionElement,
                       List<String> resources, String resourceElement, List<RawCondition> conditions) {
    }

    private record RawCondition(ConditionOperator operator, Condition.SetQualifier qualifier, boolean ifExists,
                                String key, List<String> values) {
    }

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
        List<Raw> raws = new ArrayList<>();
        for (JsonNode node : statementNodes(root.get("Statement"))) {
            raws.add(syntax(node, kind));
        }
        checkKindRules(raws, kind);
        if (kind == Kind.MANAGED && !PolicyDocument.VERSION_2012.equals(version)) {
            throw malformed(VERSION_REQUIRED);
        }
        if (kind != Kind.ANY) {
            checkLegacyAndFormats(raws, kind);
        }
        boolean variables = PolicyDocument.VERSION_2012.equals(version);
        List<Statement> statements = new ArrayList<>(raws.size());
        for (Raw raw : raws) {
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

    private static Raw syntax(JsonNode node, Kind kind) {
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
            throw malformed(MISSING_EFFECT);
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
        List<RawCondition> conditions = conditions(node.get("Condition"));
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
        return new Raw(sid, effect, principalElement, principals, principalIsText, principalText, actions,
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

    private static List<RawCondition> conditions(JsonNode block) {
        if (block == null) {
            return List.of();
        }
        if (!block.isObject()) {
            throw malformed(SYNTAX);
        }
        List<RawCondition> out = new ArrayList<>();
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
            List<RawCondition> parsed = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : keys.properties()) {
                parsed.add(new RawCondition(operator, qualifier, ifExists, field.getKey(),
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

    private static void checkKindRules(List<Raw> raws, Kind kind) {
        for (Raw raw : raws) {
            switch (kind) {
                case IDENTITY, MANAGED -> {
                    if (raw.principalElement() != null) {
                        throw malformed(PRINCIPAL_NOT_ALLOWED);
                    }
                }
                case TRUST -> {
                    if ("NotPrincipal".equals(raw.principalElement())) {
                        throw malformed(PROHIBITED_NOT_PRINCIPAL);
                    }
                    if (raw.principalElement() == null) {
                        throw malformed(MISSING_PRINCIPAL);
                    }
                }
                case RESOURCE -> {
                    if (raw.principalElement() == null) {
                        throw malformed(MISSING_PRINCIPAL);
                    }
                }
                case ANY -> {
                }
            }
        }
    }

    private static void checkLegacyAndFormats(List<Raw> raws, Kind kind) {
        for (Raw raw : raws) {
            if (!raw.effect().equals("Allow") && !raw.effect().equals("Deny")) {
                throw malformed(LEGACY);
            }
            for (RawCondition condition : raw.conditions()) {
                if (condition.operator().type() == ConditionOperator.Type.DATE) {
                    for (String value : condition.values()) {
                        if (PolicyDates.parse(value) == null) {
                            throw malformed(LEGACY);
                        }
                    }
                }
            }
        }
        String resourceError = null;
        for (String element : List.of("Resource", "NotResource")) {
            for (Raw raw : raws) {
                if (!element.equals(raw.resourceElement())) {
                    continue;
                }
                List<String> ordered = new ArrayList<>(raw.resources());
                ordered.sort(java.util.Comparator.reverseOrder());
                for (String resource : ordered) {
                    String problem = ResourceFormat.problem(resource);
                    if (problem != null) {
                        resourceError = problem;
                    }
                }
                if (resourceError == null && !raw.resources().stream().allMatch(ResourceFormat::legacyParses)) {
                    throw malformed(LEGACY);
                }
            }
        }
        Set<String> sids = new HashSet<>();
        for (Raw raw : raws) {
            if (raw.sid() != null && !raw.sid().isEmpty() && !sids.add(raw.sid())) {
                throw malformed(DUPLICATE_SID);
            }
        }
        if (kind != Kind.RESOURCE) {
            for (Raw raw : raws) {
                if (raw.sid() != null && !raw.sid().chars().allMatch(PolicyParser::alphanumeric)) {
                    throw malformed(SID_FORMAT);
                }
            }
        }
        for (Raw raw : raws) {
            if (raw.actions() == null || raw.actions().isEmpty()) {
                throw malformed(MISSING_ACTIONS);
            }
        }
        if (resourceError != null) {
            throw malformed(resourceError);
        }
        for (String element : List.of("Action", "NotAction")) {
            for (Raw raw : raws) {
                if (element.equals(raw.actionElement())) {
                    raw.actions().forEach(action -> checkAction(action, kind));
                }
            }
        }
        if (kind == Kind.TRUST) {
            for (Raw raw : raws) {
                if (raw.actions().stream().anyMatch(action -> !trustAction(action))) {
                    throw malformed(TRUST_ACTIONS);
                }
            }
            for (Raw raw : raws) {
                if (raw.resourceElement() != null) {
                    throw malformed(PROHIBITED_RESOURCE);
                }
            }
        } else {
            for (Raw raw : raws) {
                if (raw.resources() == null || raw.resources().isEmpty()) {
                    throw malformed(MISSING_RESOURCES);
                }
            }
        }
        if (kind == Kind.RESOURCE || kind == Kind.TRUST) {
            raws.forEach(PolicyParser::checkPrincipals);
        }
    }

    /** Trust policies grant STS's session actions only (AssumeRole*, TagSession, SetSourceIdentity, SetContext…). */
    private static boolean trustAction(String action) {
        return action.equals("*") || action.toLowerCase(Locale.ROOT).startsWith("sts:");
    }

    private static boolean alphanumeric(int c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static void checkAction(String action, Kind kind) {
        String problem = actionProblem(action);
        if (problem != null) {
            throw malformed(kind == Kind.RESOURCE ? INVALID_ACTION : problem);
        }
    }

    private static String actionProblem(String action) {
        String[] parts = action.split(":", -1);
        if (parts.length == 1 && !action.equals("*")) {
            return NO_VENDOR;
        }
        if (parts.length > 2) {
            return TWO_COLONS;
        }
        String vendor = parts[0];
        if (!vendor.equals("*") && !vendor.chars().allMatch(c -> alphanumeric(c) || c == '-' || c == '.')) {
            return "Vendor " + vendor + " is not valid";
        }
        return null;
    }

    private static void checkPrincipals(Raw raw) {
        if (raw.principalIsText()) {
            if (!raw.principalText().equals("*")) {
                throw malformed(INVALID_PRINCIPAL + ": \"" + raw.principalText() + "\"");
            }
            return;
        }
        if (raw.principals().isEmpty()) {
            throw malformed(INVALID_PRINCIPAL);
        }
        for (Map.Entry<String, List<String>> entry : raw.principals().entrySet()) {
            String type = entry.getKey();
            if (!PRINCIPAL_TYPES.contains(type) || entry.getValue().isEmpty()) {
                throw malformed(INVALID_PRINCIPAL + ": \"" + type + "\"");
            }
            for (String value : entry.getValue()) {
                if (PrincipalSpec.invalidValue(type, value)) {
                    throw malformed(INVALID_PRINCIPAL + ": \"" + type + "\":\"" + value + "\"");
                }
            }
        }
    }

    private static Statement compile(Raw raw, boolean variables) {
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
        for (RawCondition condition : raw.conditions()) {
            conditions.add(new Condition(condition.operator(), condition.qualifier(), condition.ifExists(),
                    condition.key(), condition.values(), variables));
        }
        return new Statement(raw.sid(), effect, principal, "NotPrincipal".equals(raw.principalElement()), actions,
                "NotAction".equals(raw.actionElement()), resources, "NotResource".equals(raw.resourceElement()),
                conditions);
    }

    private static MalformedPolicyException malformed(String message) {
        return new MalformedPolicyException(message);
    }
}
