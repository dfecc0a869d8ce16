package io.wharf.it.sns;

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
 * Bad input never gets a 500 from SNS: for every operation of the model, a request naming a real topic and
 * subscription, then each parameter (and the first entries of lists, maps and structures) in turn replaced by
 * empty, non-numeric, huge, out-of-range, control-character and malformed values. Every answer must be a success
 * or a 4xx {@code <ErrorResponse>} with a code.
 */
class SnsBadInputIT extends SnsTestBase {
    private static final ServiceModel MODEL = ServiceModel.fromClasspath("models/sns");
    private static final List<String> BAD = List.of("", "abc", "-1", "99999999999999999999", "1.5",
            "x".repeat(300_000), "\u0001", "%zz", "arn:aws:sns", "{\"not\": \"closed\"");

    private final List<String> failures = new ArrayList<>();
    private int requests;

    private void check(String operation, String variant, RawHttp.Response response) {
        requests++;
        String text = response.bodyText();
        String where = operation + " " + variant + " -> " + response.status() + " "
                + text.substring(0, Math.min(200, text.length()));
        if (response.status() >= 500 || (response.status() >= 300 && response.status() < 400)) {
            failures.add(where);
        } else if (response.status() >= 400 && !(text.contains("<ErrorResponse") && text.contains("<Code>"))) {
            failures.add("not an AWS error: " + where);
        }
    }

    private static List<String> names(Member member, int depth) {
        String name = member.wireName();
        return switch (member.shape().type()) {
            case LIST -> List.of(name + ".member.1", name + ".member.2", name);
            case MAP -> List.of(name + ".entry.1.key", name + ".entry.1.value", name + ".entry.1.value.DataType",
                    name + ".entry.1.value.StringValue", name + ".entry.1.value.BinaryValue");
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

    @Test
    void noOperationAnswersBadQueryWithAServerError() {
        RawHttp raw = WHARF.raw();
        for (OperationModel operation : MODEL.operations()) {
            String topicArn = topic("bad");
            Queue queue = queue("bad");
            String subscriptionArn = subscribe(topicArn, queue, Map.of());
            Map<String, String> base = new LinkedHashMap<>();
            base.put("Action", operation.name());
            base.put("Version", "2010-03-31");
            base.put("TopicArn", topicArn);
            base.put("SubscriptionArn", subscriptionArn);
            base.put("ResourceArn", topicArn);
            base.put("Message", "hello");
            base.put("Protocol", "sqs");
            base.put("Endpoint", queue.arn());
            check(operation.name(), "minimal", raw.postForm("/", base, Map.of()));
            if (operation.input() == null) {
                continue;
            }
            for (Member member : operation.input().members().values()) {
                for (String name : names(member, 0)) {
                    for (String bad : BAD) {
                        Map<String, String> params = new LinkedHashMap<>(base);
                        params.put(name, bad);
                        check(operation.name(), name + "=" + bad.substring(0, Math.min(10, bad.length())),
                                raw.postForm("/", params, Map.of()));
                    }
                }
            }
        }
        assertThat(failures).as(requests + " requests").isEmpty();
        assertThat(requests).isGreaterThan(1_000);
    }
}
