package io.wharf.it.console;

import io.wharf.testkit.Clients;
import io.wharf.testkit.RawHttp;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser's unsigned {@code GET /} is sent to the console; nothing else on {@code /} is: an SDK's S3 ListBuckets, a
 * signed or presigned request, one that does not accept HTML, an SQS Query POST.
 */
class ConsoleRedirectIT {
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
        assertThat(query.bodyText()).doesNotContain("console");
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
}
