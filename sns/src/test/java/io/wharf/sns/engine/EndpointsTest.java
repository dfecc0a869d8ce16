package io.wharf.sns.engine;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointsTest {

    @Test
    void thePasswordIsMaskedAsAwsShowsIt() {
        assertThat(Endpoints.masked("https://username:password@example.com/myroute"))
                .isEqualTo("https://username:****@example.com/myroute");
        assertThat(Endpoints.masked("http://u:p@127.0.0.1:8080/hook?x=1#f")).isEqualTo("http://u:****@127.0.0.1:8080/hook?x=1#f");
        assertThat(Endpoints.masked("http://u:p@[::1]:8080")).isEqualTo("http://u:****@[::1]:8080");
        assertThat(Endpoints.masked("http://u:@host/")).isEqualTo("http://u:****@host/");
        // a password may hold ':' and '@' when escaped, or even unescaped: everything up to the last '@' goes
        assertThat(Endpoints.masked("http://u:a:b@c@host/p@th")).isEqualTo("http://u:****@host/p@th");
        assertThat(Endpoints.masked("http://u:p%40ss@host/")).isEqualTo("http://u:****@host/");
    }

    @Test
    void whatHasNoPasswordIsUnchanged() {
        for (String endpoint : new String[]{"https://example.com/a:b@c", "https://user@example.com/", "http://host:80/",
                "someone@example.com", "arn:aws:sqs:us-east-1:000000000000:q", "not a url", "http://", ""}) {
            assertThat(Endpoints.masked(endpoint)).isEqualTo(endpoint);
        }
        assertThat(Endpoints.masked(null)).isNull();
    }

    @Test
    void scrubMasksQuotedEndpoints() {
        String endpoint = "http://u:secret@host/x";
        assertThat(Endpoints.scrub("java.io.IOException: failed " + endpoint, endpoint))
                .isEqualTo("java.io.IOException: failed http://u:****@host/x");
        assertThat(Endpoints.scrub("no url here", endpoint)).isEqualTo("no url here");
        assertThat(Endpoints.scrub(null, endpoint)).isNull();
    }

    @Test
    void theConnectionGoesToTheUrlWithoutUserInfo() {
        assertThat(Endpoints.withoutUserInfo(URI.create("http://u:p@127.0.0.1:8080/a%20b?q=1&r=%2F#frag")))
                .isEqualTo(URI.create("http://127.0.0.1:8080/a%20b?q=1&r=%2F"));
        assertThat(Endpoints.withoutUserInfo(URI.create("https://u@[::1]/"))).isEqualTo(URI.create("https://[::1]/"));
        URI plain = URI.create("https://example.com/hook");
        assertThat(Endpoints.withoutUserInfo(plain)).isSameAs(plain);
    }

    @Test
    void basicAuthorizationDecodesBothParts() {
        assertThat(decode(Endpoints.basicAuthorization("user:pass"))).isEqualTo("user:pass");
        assertThat(decode(Endpoints.basicAuthorization("us%3Aer:p%40ss%20w%C3%B6rd+"))).isEqualTo("us:er:p@ss wörd+");
        assertThat(decode(Endpoints.basicAuthorization("user"))).isEqualTo("user:");
        assertThat(decode(Endpoints.basicAuthorization("u:a:b"))).isEqualTo("u:a:b");
        assertThat(Endpoints.percentDecode("100%")).isEqualTo("100%");
        assertThat(Endpoints.percentDecode("%zz%4")).isEqualTo("%zz%4");
        assertThat(Endpoints.percentDecode("\uD83D\uDE00%21")).isEqualTo("\uD83D\uDE00!");
    }

    @Test
    void parseWantsAHost() {
        assertThat(Endpoints.parse("http://example.com/")).isNotNull();
        assertThat(Endpoints.parse("http:///path")).isNull();
        assertThat(Endpoints.parse("http://under_score.example/")).isNull(); // AWS refuses '_' in host names too
        assertThat(Endpoints.parse("http://exa mple.com/")).isNull();
        assertThat(Endpoints.parse("/relative")).isNull();
    }

    private static String decode(String header) {
        assertThat(header).startsWith("Basic ");
        return new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
    }
}
