package io.wharf.it.iam;

import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.testkit.RawHttp;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never gets a server error from IAM or STS: for every operation of both models, a request naming a real
 * user, group, key and policy, then each parameter (and the first entries of lists and structures) in turn replaced
 * by empty, non-numeric, huge, out-of-range, control-character and malformed values. Every answer must be a success,
 * a 4xx {@code <ErrorResponse>} with a code, or the 501 NotImplemented of an action Wharf leaves out. (Valid policy
 * documents are part of the base request, so this needs the policy parser.)
 */
class IamBadInputIT extends IamTestBase {
    private static final List<String> BAD = List.of("", "abc", "-1", "99999999999999999999", "1.5",
            "x".repeat(3_000), "\u0001", "%zz", "arn:aws:iam::000000000000:user/", "{\"not\": \"closed\"");
    /** Past the longest document IAM takes (131,072 characters); sent only where a document goes. */
    private static final String HUGE = "x".repeat(140_000);

    private final List<String> failures = new ArrayList<>();
    private int requests;

    private void check(String operation, String variant, RawHttp.Response response) {
        requests++;
        String text = response.bodyText();
        String where = operation + " " + variant + " -> " + response.status() + " "
                + text.substring(0, Math.min(200, text.length()));
        boolean notImplemented = response.status() == 501 && text.contains("<Code>NotImplemented</Code>");
        if (response.status() >= 500 && !notImplemented || response.status() >= 300 && response.status() < 400) {
            failures.add(where);
        } else if (response.status() >= 400 && !(text.contains("<ErrorResponse") && text.contains("<Code>"))) {
            failures.add("not an AWS error: " + where);
        }
    }

    private static List<String> names(Member member, int depth) {
        String name = member.wireName();
        return switch (member.shape().type()) {
            case LIST -> List.of(name + ".member.1", name + ".member.2", name + ".member.1.Key", name);
            case MAP -> List.of(name + ".entry.1.key", name + ".entry.1.value");
            case STRUCTURE -> {
                List<String> names = new ArrayList<>();
                if (depth < 2) {
                    for (Member inner : member.shape().members().values()) {
                        names.addAll(names(inner, depth + 1).stream().map(n -> name + "." + n).toList());
                    }
                }
                yield names;
            }
            default -> List.of(name);
        };
    }

    private Map<String, String> base(String version, String operation) {
        String user = unique("bad");
        String group = unique("bad");
        String role = unique("bad");
        iam.createUser(r -> r.userName(user));
        iam.createGroup(r -> r.groupName(group));
        iam.createRole(r -> r.roleName(role).assumeRolePolicyDocument(TRUST));
        String key = iam.createAccessKey(r -> r.userName(user)).accessKey().accessKeyId();
        Map<String, String> base = new LinkedHashMap<>();
        base.put("Action", operation);
        base.put("Version", version);
        base.put("UserName", user);
        base.put("GroupName", group);
        base.put("RoleName", role);
        base.put("AccessKeyId", key);
        base.put("Status", "Inactive");
        base.put("PolicyName", "p");
        base.put("PolicyDocument", allow("sqs:*"));
        base.put("AssumeRolePolicyDocument", TRUST);
        base.put("PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess");
        base.put("VersionId", "v1");
        base.put("PolicySourceArn", "arn:aws:iam::" + ACCOUNT + ":user/" + user);
        base.put("ActionNames.member.1", "sqs:SendMessage");
        base.put("PolicyInputList.member.1", allow("sqs:*"));
        base.put("Tags.member.1.Key", "k");
        base.put("Tags.member.1.Value", "v");
        base.put("TagKeys.member.1", "k");
        base.put("RoleArn", "arn:aws:iam::" + ACCOUNT + ":role/" + role);
        base.put("RoleSessionName", "session");
        return base;
    }

    private void sweep(String model, String version) {
        RawHttp raw = WHARF.raw();
        for (OperationModel operation : ServiceModel.fromClasspath(model).operations()) {
            Map<String, String> base = base(version, operation.name());
            check(operation.name(), "minimal", raw.postForm("/", base, Map.of()));
            if (operation.input() == null) {
                continue;
            }
            for (Member member : operation.input().members().values()) {
                for (String name : names(member, 0)) {
                    List<String> values = new ArrayList<>(BAD);
                    if (name.contains("Polic") || name.contains("Document")) {
                        values.add(HUGE);
                    }
                    for (String bad : values) {
                        Map<String, String> params = new LinkedHashMap<>(base);
                        params.put(name, bad);
                        check(operation.name(), name + "=" + bad.substring(0, Math.min(10, bad.length())),
                                raw.postForm("/", params, Map.of()));
                    }
                }
            }
        }
    }

    @Test
    void noOperationAnswersBadQueryWithAServerError() {
        sweep("models/iam", "2010-05-08");
        sweep("models/sts", "2011-06-15");
        assertThat(failures).as(requests + " requests").isEmpty();
        assertThat(requests).isGreaterThan(5_000);
    }
}
