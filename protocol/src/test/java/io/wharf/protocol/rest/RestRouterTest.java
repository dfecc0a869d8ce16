package io.wharf.protocol.rest;

import io.wharf.protocol.TestModels;
import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.OperationModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Routing over the whole S3 model: each operation's own request finds it, and the templates' edge cases. */
class RestRouterTest {
    private static final RestRouter ROUTER = new RestRouter(TestModels.S3);

    /**
     * Operations the wire cannot tell from another (same method, template and required members): the newer one
     * answers for the deprecated twin, ListBuckets for ListDirectoryBuckets (S3 Express; SDKs that call it name it
     * with {@code x-id}).
     */
    private static final Map<String, String> TWINS = Map.of(
            "ListDirectoryBuckets", "ListBuckets",
            "PutBucketLifecycle", "PutBucketLifecycleConfiguration",
            "GetBucketLifecycle", "GetBucketLifecycleConfiguration",
            "PutBucketNotification", "PutBucketNotificationConfiguration",
            "GetBucketNotification", "GetBucketNotificationConfiguration");

    @Test
    void everyOperationsOwnRequestRoutesToIt() {
        Map<String, String> wrong = new TreeMap<>();
        for (OperationModel operation : TestModels.S3.operations()) {
            String template = operation.http().requestUri();
            int question = template.indexOf('?');
            String path = (question < 0 ? template : template.substring(0, question))
                    .replace("{Bucket}", "bucket").replace("{Key+}", "dir/key.txt");
            Map<String, List<String>> query = new LinkedHashMap<>();
            if (question >= 0) {
                for (String pair : template.substring(question + 1).split("&")) {
                    int equals = pair.indexOf('=');
                    query.put(equals < 0 ? pair : pair.substring(0, equals),
                            List.of(equals < 0 ? "" : pair.substring(equals + 1)));
                }
            }
            Map<String, String> headers = new LinkedHashMap<>();
            if (operation.input() != null) {
                for (String name : operation.input().required()) {
                    Member member = operation.input().member(name);
                    if ("querystring".equals(member.location())) {
                        query.put(member.wireName(), List.of("1"));
                    } else if ("header".equals(member.location())) {
                        headers.put(member.wireName().toLowerCase(Locale.ROOT), "x");
                    }
                }
            }
            RestRouter.Result result = ROUTER.route(operation.http().method(), path, query, headers);
            String found = result instanceof RestRouter.Match match ? match.operation().name() : result.toString();
            String expected = TWINS.getOrDefault(operation.name(), operation.name());
            if (!found.equals(expected)) {
                wrong.put(operation.name(), found);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void labelsAreDecodedAndGreedyOnesKeepTheirSlashes() {
        var match = (RestRouter.Match) ROUTER.route("GET", "/my-bucket/a/b%2Fc/%E2%82%AC+x.txt", Map.of(),
                Map.of());
        assertThat(match.operation().name()).isEqualTo("GetObject");
        assertThat(match.labels()).containsEntry("Bucket", "my-bucket").containsEntry("Key", "a/b/c/€+x.txt");
        var trailing = (RestRouter.Match) ROUTER.route("GET", "/my-bucket/dir/", Map.of(), Map.of());
        assertThat(trailing.labels()).containsEntry("Key", "dir/");
        var bucket = (RestRouter.Match) ROUTER.route("GET", "/my-bucket/", Map.of(), Map.of());
        assertThat(bucket.operation().name()).isEqualTo("ListObjects");
    }

    @Test
    void missesSayWhetherThePathIsKnown() {
        assertThat(ROUTER.route("PATCH", "/b/k", Map.of(), Map.of())).isEqualTo(new RestRouter.Miss(true));
        assertThat(ROUTER.route("GET", "//k", Map.of(), Map.of())).isEqualTo(new RestRouter.Miss(false));
    }

    @Test
    void templatesParseAndRefuseWhatIsNotOne() {
        UriTemplate template = UriTemplate.parse("/{Bucket}/{Key+}?uploads&x-id=CreateMultipartUpload");
        assertThat(template.queryLiteralCount()).isEqualTo(1);
        assertThat(template.operationHint()).isEqualTo("CreateMultipartUpload");
        assertThat(template.match("/b/k", Map.of("uploads", List.of("")))).containsEntry("Key", "k");
        assertThat(template.match("/b/k", Map.of())).isNull();
        assertThat(template.match("/b/k", Map.of("uploads", List.of(""), "x-id", List.of("Other")))).isNull();
        List<String> bad = new ArrayList<>(List.of("bucket", "/{Key+}/more", "/{}", "/a{b}"));
        for (String text : bad) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> UriTemplate.parse(text))
                    .as(text).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
