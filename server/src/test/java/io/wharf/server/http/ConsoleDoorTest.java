package io.wharf.server.http;

import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which requests go to the console: its own paths, and a browser's unsigned GET / as a redirect. */
class ConsoleDoorTest {
    private static final String BROWSER = "text/html,application/xhtml+xml,*/*;q=0.8";

    private static boolean browserAtRoot(HttpMethod method, String uri, Map<String, String> headers) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        try {
            headers.forEach((name, value) -> request.headers().set(name, value));
            return ConsoleDoor.browserAtRoot(request);
        } finally {
            request.release();
        }
    }

    @Test
    void onlyAnUnsignedBrowserGetOfTheRootIsRedirected() {
        assertThat(browserAtRoot(HttpMethod.GET, "/", Map.of("Accept", BROWSER))).isTrue();
        assertThat(browserAtRoot(HttpMethod.GET, "/?foo=bar", Map.of("Accept", BROWSER))).isTrue();

        assertThat(browserAtRoot(HttpMethod.GET, "/", Map.of())).as("no Accept").isFalse();
        assertThat(browserAtRoot(HttpMethod.GET, "/", Map.of("Accept", "*/*"))).as("an SDK").isFalse();
        assertThat(browserAtRoot(HttpMethod.POST, "/", Map.of("Accept", BROWSER))).as("a Query POST").isFalse();
        assertThat(browserAtRoot(HttpMethod.GET, "/bucket", Map.of("Accept", BROWSER))).as("a bucket").isFalse();
        assertThat(browserAtRoot(HttpMethod.GET, "/", Map.of("Accept", BROWSER, "Authorization", "AWS4-HMAC-SHA256 x")))
                .as("signed").isFalse();
        assertThat(browserAtRoot(HttpMethod.GET, "/?X-Amz-Signature=00&X-Amz-Credential=k", Map.of("Accept", BROWSER)))
                .as("presigned").isFalse();
        assertThat(browserAtRoot(HttpMethod.GET, "/?x-amz-credential=k", Map.of("Accept", BROWSER)))
                .as("presigned, any case").isFalse();
    }

    @Test
    void theConsolesPathsAreItsOwnAndNoOthers() {
        assertThat(ConsoleDoor.isConsolePath("/_wharf/console")).isTrue();
        assertThat(ConsoleDoor.isConsolePath("/_wharf/console/queues")).isTrue();
        assertThat(ConsoleDoor.isConsolePath("/_wharf/consoles")).isFalse();
        assertThat(ConsoleDoor.isConsolePath("/_wharf/metrics")).isFalse();
        assertThat(ConsoleDoor.REDIRECT.status()).isEqualTo(302);
        assertThat(ConsoleDoor.REDIRECT.headers()).containsEntry("Location", "/_wharf/console/");
    }
}
