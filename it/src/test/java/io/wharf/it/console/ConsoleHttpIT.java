package io.wharf.it.console;

import io.wharf.testkit.Clients;
import io.wharf.testkit.RawHttp;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console on the raw wire: a browser's unsigned {@code GET /} is sent to it and nothing else on {@code /} is (an
 * SDK's S3 ListBuckets, a signed or presigned request, one that does not accept HTML, an SQS Query POST); its libraries
 * are served from the jar; a state-changing POST needs the session's CSRF token and is refused from another site.
 */
class ConsoleHttpIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    private static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    @Test
    void aBrowserAtTheRootIsSentToTheConsole() {
        RawHttp.Response answer = WHARF.raw().get("/", Map.of("Accept", BROWSER_ACCEPT));

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("location")).hasValue("/_wharf/console/");
    }

    @Test
    void anSdkListBucketsIsNotRedirected() {
        try (S3Client s3 = Clients.s3(WHARF.endpoint())) {
            s3.createBucket(r -> r.bucket("console-redirect"));
            assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains("console-redirect");
        }
    }

    @Test
    void signedPresignedOrNonHtmlRequestsAtTheRootAreTheServices() {
        RawHttp raw = WHARF.raw();
        assertThat(raw.get("/", Map.of("Accept", "application/xml")).status()).isNotEqualTo(302);
        assertThat(raw.get("/", Map.of()).status()).isNotEqualTo(302);
        assertThat(raw.get("/", Map.of("Accept", BROWSER_ACCEPT, "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, "
                        + "Signature=00")).status()).isNotEqualTo(302);
        assertThat(raw.get("/?X-Amz-Credential=AKIDEXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Signature=00", Map.of("Accept", BROWSER_ACCEPT)).status()).isNotEqualTo(302);
        RawHttp.Response query = raw.postForm("/", Map.of("Action", "ListQueues", "Version", "2012-11-05"),
                Map.of("Accept", BROWSER_ACCEPT));
        assertThat(query.status()).isNotEqualTo(302);
        assertThat(query.bodyText()).startsWith("<ListQueuesResponse");
    }

    @Test
    void theConsoleAnswersUnderItsPathAndServesItsLibraries() {
        RawHttp.Response htmx = WHARF.raw().get("/_wharf/console/static/htmx.min.js", Map.of());
        assertThat(htmx.status()).isEqualTo(200);
        assertThat(htmx.header("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(htmx.bodyText()).contains("htmx");
        assertThat(WHARF.raw().get("/_wharf/console/static/console.jte", Map.of()).status()).isEqualTo(404);
        assertThat(WHARF.raw().get("/_wharf/console/static/uPlot.iife.min.js", Map.of()).bodyText())
                .contains("uPlot");
    }

    @Test
    void aPostNeedsTheSessionsCsrfTokenAndComesFromTheConsolesOwnPages() {
        var sqs = WHARF.sqs();
        String url = sqs.createQueue(r -> r.queueName("console-csrf")).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("kept"));
        RawHttp raw = WHARF.raw();
        RawHttp.Response page = raw.get("/_wharf/console/queue?name=console-csrf", Map.of("Accept", "text/html"));
        assertThat(page.status()).isEqualTo(200);
        String setCookie = page.header("set-cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/_wharf/console");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.bodyText());
        assertThat(csrf.find()).isTrue();
        assertThat(page.header("content-security-policy")).hasValueSatisfying(
                p -> assertThat(p).contains("default-src 'self'"));

        assertThat(purge(raw, null, "name=console-csrf&csrf=" + csrf.group(1), Map.of()).status())
                .as("no session").isEqualTo(403);
        assertThat(purge(raw, cookie, "name=console-csrf", Map.of()).status()).as("no token").isEqualTo(403);
        assertThat(purge(raw, cookie, "name=console-csrf&csrf=x" + csrf.group(1), Map.of()).status())
                .as("another token").isEqualTo(403);
        assertThat(purge(raw, cookie, "name=console-csrf&csrf=" + csrf.group(1), Map.of("Sec-Fetch-Site",
                "cross-site")).status()).as("from another site").isEqualTo(403);
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings("ApproximateNumberOfMessages"))
                .attributesAsStrings()).containsEntry("ApproximateNumberOfMessages", "1");

        RawHttp.Response done = purge(raw, cookie, "name=console-csrf&csrf=" + csrf.group(1),
                Map.of("Sec-Fetch-Site", "same-origin"));
        assertThat(done.status()).isEqualTo(303);
        assertThat(done.header("location")).hasValue("/_wharf/console/queue?account=000000000000&region=us-east-1"
                + "&name=console-csrf");
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings("ApproximateNumberOfMessages"))
                .attributesAsStrings()).containsEntry("ApproximateNumberOfMessages", "0");
    }

    private static RawHttp.Response purge(RawHttp raw, String cookie, String form, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        if (cookie != null) {
            all.put("Cookie", cookie);
        }
        return raw.post("/_wharf/console/queue/purge?account=000000000000&region=us-east-1",
                "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8), all);
    }
}
